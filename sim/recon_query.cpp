#include "recon_query.h"

#include "error_status.h"
#include "page_token.h"

#include <algorithm>
#include <charconv>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

grpc::Status badToken()
{
    return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                             "page_token is not a token of this list", "INVALID_PAGE_TOKEN",
                             "page.page_token");
}

// "key.index"
bool parseCursor(const std::string& cursor, uint64_t* key, uint32_t* index)
{
    const size_t dot = cursor.find('.');
    if (dot == std::string::npos)
        return false;
    const char* begin = cursor.data();
    const char* end = begin + cursor.size();
    const auto k = std::from_chars(begin, begin + dot, *key);
    const auto i = std::from_chars(begin + dot + 1, end, *index);
    return k.ec == std::errc() && k.ptr == begin + dot && i.ec == std::errc() && i.ptr == end;
}

}  // namespace

grpc::Status ReconQuery::list(const ReconTable& table, const v1::ListMismatchesRequest& request,
                              int64_t nowSeconds, Page* page)
{
    *page = Page();
    ReconFilter filter;
    grpc::Status status =
        ReconFilter::resolve(request.filter(), "filter.", table, nowSeconds, &filter);
    if (!status.ok())
        return status;
    if (!v1::MismatchSortField_IsValid(request.sort())) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "sort: not a sort field (" + std::to_string(request.sort()) + ")",
                                 "INVALID_VALUE", "sort");
    }
    if (request.offset() < 0) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT, "offset: must be >= 0",
                                 "INVALID_VALUE", "offset");
    }
    int pageSize = 0;
    status =
        PageToken::pageSize(request.page().page_size(), kDefaultPageSize, kMaxPageSize, &pageSize);
    if (!status.ok())
        return status;
    v1::ListMismatchesRequest unpaged = request;
    unpaged.clear_offset();
    const std::string filters = PageToken::filtersOf(unpaged);
    std::string cursor;
    status = PageToken::decode(request.page().page_token(), filters, &cursor);
    if (!status.ok())
        return status;

    const Result result = ordered(table, filter, request.sort(), request.descending());
    const std::vector<uint32_t>& rows = *result;
    const auto& all = table.rows();
    const auto sort = request.sort();
    const bool descending = request.descending();
    size_t position = 0;
    if (!cursor.empty()) {
        uint64_t key = 0;
        uint32_t index = 0;
        if (!parseCursor(cursor, &key, &index))
            return badToken();
        // The first row that comes after the cursor's (key, index).
        const auto it = std::partition_point(rows.begin(), rows.end(), [&](uint32_t r) {
            const uint64_t k = ReconIndex::key(all[r], sort);
            if (k != key)
                return descending ? k > key : k < key;
            return r <= index;
        });
        position = static_cast<size_t>(it - rows.begin());
    } else {
        position = static_cast<size_t>(
            std::min<int64_t>(request.offset(), static_cast<int64_t>(rows.size())));
    }
    const size_t end = std::min(rows.size(), position + static_cast<size_t>(pageSize));
    page->rows.assign(rows.begin() + static_cast<std::ptrdiff_t>(position),
                      rows.begin() + static_cast<std::ptrdiff_t>(end));
    page->offset = cursor.empty() ? request.offset() : static_cast<int64_t>(position);
    page->total = static_cast<int64_t>(rows.size());
    if (end < rows.size() && end > position) {
        const uint32_t last = rows[end - 1];
        page->nextToken = PageToken::encode(
            std::to_string(ReconIndex::key(all[last], sort)) + "." + std::to_string(last), filters);
    }
    return grpc::Status::OK;
}

ReconQuery::Result ReconQuery::ordered(const ReconTable& table, const ReconFilter& filter,
                                       v1::MismatchSortField sort, bool descending)
{
    std::string key = filter.key();
    key += static_cast<char>(sort);
    key += descending ? 'd' : 'a';
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
        if (it->key == key && it->version == table.version()) {
            cache_.splice(cache_.begin(), cache_, it);
            ++hits_;
            return cache_.front().rows;
        }
    }
    ++misses_;
    auto rows =
        std::make_shared<const std::vector<uint32_t>>(compute(table, filter, sort, descending));
    cache_.push_front({std::move(key), table.version(), rows});
    // Entries of older versions are of no use any more.
    cache_.remove_if([&](const Entry& e) { return e.version != table.version(); });
    while (cache_.size() > kCachedResults)
        cache_.pop_back();
    return rows;
}

std::vector<uint32_t> ReconQuery::compute(const ReconTable& table, const ReconFilter& filter,
                                          v1::MismatchSortField sort, bool descending)
{
    const auto& rows = table.rows();
    const uint32_t first = filter.firstIndex();
    const uint32_t end = filter.endIndex();
    std::vector<uint64_t> bits((rows.size() + 63) / 64);
    size_t count = 0;
    for (uint32_t i = first; i < end; ++i) {
        if (filter.matches(rows[i])) {
            bits[i / 64] |= uint64_t(1) << (i % 64);
            ++count;
        }
    }
    // Walk the ascending order, keeping the matches and where each run of
    // equal keys starts among them.
    std::vector<uint32_t> out;
    out.reserve(count);
    std::vector<uint32_t> runs;
    const std::vector<uint32_t>* ascending = table.index().ascending(sort);
    const std::vector<uint8_t>& ties = table.index().ties(sort);
    bool newKey = true;
    const auto visit = [&](uint32_t position, uint32_t i) {
        newKey = newKey || ties[position] == 0;
        if ((bits[i / 64] >> (i % 64) & 1) == 0)
            return;
        if (newKey && descending)
            runs.push_back(static_cast<uint32_t>(out.size()));
        newKey = false;
        out.push_back(i);
    };
    if (!ascending) {
        for (uint32_t i = first; i < end; ++i)
            visit(i, i);
    } else {
        for (uint32_t p = 0; p < ascending->size(); ++p)
            visit(p, (*ascending)[p]);
    }
    if (!descending)
        return out;
    // Runs from the last to the first, each in id order.
    std::vector<uint32_t> reversed;
    reversed.reserve(out.size());
    for (size_t r = runs.size(); r > 0; --r) {
        const size_t from = runs[r - 1];
        const size_t to = r < runs.size() ? runs[r] : out.size();
        reversed.insert(reversed.end(), out.begin() + static_cast<std::ptrdiff_t>(from),
                        out.begin() + static_cast<std::ptrdiff_t>(to));
    }
    return reversed;
}

grpc::Status ReconQuery::summarize(const ReconTable& table, const v1::MismatchFilter& request,
                                   int64_t nowSeconds, Summary* summary)
{
    *summary = Summary();
    ReconFilter filter;
    const grpc::Status status =
        ReconFilter::resolve(request, "filter.", table, nowSeconds, &filter);
    if (!status.ok())
        return status;
    filter.ignoreTypes();
    const auto& rows = table.rows();
    for (uint32_t i = filter.firstIndex(); i < filter.endIndex(); ++i) {
        const ReconRow& row = rows[i];
        if (!filter.matches(row))
            continue;
        ++summary->count[row.type];
        summary->totals[row.type][row.currency] += row.amountMinor;
    }
    return grpc::Status::OK;
}

}  // namespace wfsim

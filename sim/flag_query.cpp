#include "flag_query.h"

#include "error_status.h"
#include "page_token.h"
#include "proto_time.h"

#include <QString>
#include <algorithm>
#include <limits>
#include <set>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

bool containsText(const std::string& haystack, const QString& needle)
{
    return QString::fromStdString(haystack).contains(needle, Qt::CaseInsensitive);
}

}  // namespace

grpc::Status FlagQuery::run(const std::vector<v1::Flag>& flags, const v1::ListFlagsRequest& request,
                            v1::ListFlagsResponse* response)
{
    std::set<int> kinds;
    for (int i = 0; i < request.kinds_size(); ++i) {
        if (request.kinds(i) == v1::FLAG_KIND_UNSPECIFIED ||
            !v1::FlagKind_IsValid(request.kinds(i))) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "kinds[" + std::to_string(i) + "] is not a flag kind",
                                     "UNKNOWN_KIND", "kinds[" + std::to_string(i) + "]");
        }
        kinds.insert(request.kinds(i));
    }
    PageToken::Page page;
    if (const grpc::Status status = PageToken::read(request, kDefaultPageSize, kMaxPageSize, &page);
        !status.ok())
        return status;
    const auto& [pageSize, afterKey, filters] = page;

    const QString text = QString::fromStdString(request.text());
    const auto matches = [&](const v1::Flag& f) {
        return (kinds.empty() || kinds.contains(f.kind())) &&
               (text.isEmpty() || containsText(f.key(), text) ||
                containsText(f.description(), text) || containsText(f.owner(), text));
    };
    auto it = flags.begin();
    if (!afterKey.empty()) {
        it = std::upper_bound(
            flags.begin(), flags.end(), afterKey,
            [](const std::string& key, const v1::Flag& f) { return key < f.key(); });
    }
    int64_t total = 0;
    for (const v1::Flag& f : flags)
        total += matches(f) ? 1 : 0;
    std::string lastKey;
    for (; it != flags.end() && response->flags_size() < pageSize; ++it) {
        if (matches(*it)) {
            *response->add_flags() = *it;
            lastKey = it->key();
        }
    }
    const bool more = std::any_of(it, flags.end(), matches);
    response->mutable_page()->set_next_page_token(more ? PageToken::encode(lastKey, filters)
                                                       : std::string());
    response->mutable_page()->set_total_size(total);
    return grpc::Status::OK;
}

grpc::Status FlagQuery::auditPage(const std::vector<v1::FlagAuditEntry>& entries,
                                  const v1::GetFlagAuditTrailRequest& request,
                                  v1::GetFlagAuditTrailResponse* response)
{
    PageToken::Page page;
    if (const grpc::Status status = PageToken::read(request, kDefaultPageSize, kMaxPageSize, &page);
        !status.ok())
        return status;
    const auto& [pageSize, cursor, filters] = page;
    size_t first = 0;
    if (!cursor.empty()) {
        if (cursor.find_first_not_of("0123456789") != std::string::npos || cursor.size() > 12 ||
            std::stoull(cursor) > entries.size()) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "page_token is not a token of this list", "INVALID_PAGE_TOKEN",
                                     "page.page_token");
        }
        first = static_cast<size_t>(std::stoull(cursor));
    }
    const size_t end = std::min(entries.size(), first + static_cast<size_t>(pageSize));
    for (size_t i = first; i < end; ++i)
        *response->add_entries() = entries[i];
    response->mutable_page()->set_next_page_token(
        end < entries.size() ? PageToken::encode(std::to_string(end), filters) : std::string());
    response->mutable_page()->set_total_size(static_cast<int64_t>(entries.size()));
    return grpc::Status::OK;
}

grpc::Status FlagQuery::changesPage(const std::vector<v1::FlagAuditEntry>& changes,
                                    const v1::ListFlagChangesRequest& request,
                                    v1::ListFlagChangesResponse* response)
{
    int64_t from = std::numeric_limits<int64_t>::min();
    int64_t to = std::numeric_limits<int64_t>::max();
    if (request.has_changed()) {
        if (request.changed().has_start())
            from = proto_time::toMs(request.changed().start());
        if (request.changed().has_end())
            to = proto_time::toMs(request.changed().end());
        if (to <= from) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "changed.end must be after changed.start", "INVALID_RANGE",
                                     "changed.end");
        }
    }
    PageToken::Page page;
    if (const grpc::Status status = PageToken::read(request, kDefaultPageSize, kMaxPageSize, &page);
        !status.ok())
        return status;
    const auto& [pageSize, cursor, filters] = page;
    const auto atOf = [](const v1::FlagAuditEntry& e) { return proto_time::toMs(e.at()); };
    // Oldest first: the range is one run of positions.
    const size_t first = static_cast<size_t>(
        std::partition_point(changes.begin(), changes.end(),
                             [&](const v1::FlagAuditEntry& e) { return atOf(e) < from; }) -
        changes.begin());
    const size_t last = static_cast<size_t>(
        std::partition_point(changes.begin(), changes.end(),
                             [&](const v1::FlagAuditEntry& e) { return atOf(e) < to; }) -
        changes.begin());
    size_t next = first;
    if (!cursor.empty()) {
        if (cursor.find_first_not_of("0123456789") != std::string::npos || cursor.size() > 12 ||
            std::stoull(cursor) > changes.size()) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "page_token is not a token of this list", "INVALID_PAGE_TOKEN",
                                     "page.page_token");
        }
        next = std::max(first, static_cast<size_t>(std::stoull(cursor)));
    }
    const size_t end = std::min(last, next + static_cast<size_t>(pageSize));
    for (size_t i = next; i < end; ++i)
        *response->add_entries() = changes[i];
    response->mutable_page()->set_next_page_token(
        end < last ? PageToken::encode(std::to_string(end), filters) : std::string());
    response->mutable_page()->set_total_size(static_cast<int64_t>(last - first));
    return grpc::Status::OK;
}

}  // namespace wfsim

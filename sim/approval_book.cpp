#include "approval_book.h"

#include "error_status.h"
#include "page_token.h"

#include <cstdio>

namespace wfsim {

namespace v1 = watchfloor::v1;

uint32_t ApprovalBook::add(ApprovalRecord record)
{
    const uint32_t index = static_cast<uint32_t>(records_.size());
    record.approval.set_id(idOf(index));
    records_.push_back(std::move(record));
    return index;
}

std::string ApprovalBook::idOf(uint32_t index)
{
    char id[32];
    std::snprintf(id, sizeof id, "apr-%06u", index + 1);
    return id;
}

int64_t ApprovalBook::find(const std::string& id) const
{
    if (id.size() < 5 || id.compare(0, 4, "apr-") != 0 || id.size() > 14)
        return -1;
    int64_t n = 0;
    for (size_t i = 4; i < id.size(); ++i) {
        if (id[i] < '0' || id[i] > '9')
            return -1;
        n = n * 10 + (id[i] - '0');
    }
    if (n < 1 || n > static_cast<int64_t>(records_.size()) ||
        records_[static_cast<size_t>(n - 1)].approval.id() != id) {
        return -1;
    }
    return n - 1;
}

grpc::Status ApprovalBook::page(
    const v1::ListApprovalsRequest& request,
    const std::function<void(const ApprovalRecord&, v1::Approval*)>& fill,
    v1::ListApprovalsResponse* response) const
{
    PageToken::Page page;
    if (const grpc::Status status = PageToken::read(request, kDefaultPageSize, kMaxPageSize, &page);
        !status.ok())
        return status;
    const auto& [pageSize, cursor, filters] = page;
    size_t end = records_.size();  // positions below `end` are still to send
    if (!cursor.empty()) {
        if (cursor.find_first_not_of("0123456789") != std::string::npos || cursor.size() > 9 ||
            std::stoull(cursor) > records_.size()) {
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     "page_token is not a token of this list", "INVALID_PAGE_TOKEN",
                                     "page.page_token");
        }
        end = static_cast<size_t>(std::stoull(cursor));
    }
    const auto matches = [&](const ApprovalRecord& r) {
        return request.include_decided() || r.approval.state() == v1::APPROVAL_STATE_PENDING;
    };
    int64_t total = 0;
    for (const ApprovalRecord& r : records_)
        total += matches(r) ? 1 : 0;
    size_t i = end;
    while (i > 0 && response->approvals_size() < pageSize) {
        --i;
        if (matches(records_[i])) {
            v1::Approval* out = response->add_approvals();
            *out = records_[i].approval;
            fill(records_[i], out);
        }
    }
    bool more = false;
    for (size_t k = i; k > 0 && !more; --k)
        more = matches(records_[k - 1]);
    response->mutable_page()->set_next_page_token(
        more ? PageToken::encode(std::to_string(i), filters) : std::string());
    response->mutable_page()->set_total_size(total);
    return grpc::Status::OK;
}

}  // namespace wfsim

#pragma once

// Money-moving reconciliation actions waiting for a second person, and the
// decisions: one record per held action, with the request that will be
// applied when it is approved. Ids "apr-000001" in request order. Pages
// newest first (page_size 0 = 200, at most 1000), pending only unless
// include_decided. Not locked: the owning store holds its mutex.

#include "watchfloor/v1/reconciliation.pb.h"

#include <grpcpp/support/status.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace wfsim {

struct ApprovalRecord {
    watchfloor::v1::Approval approval;               // without `mismatch` (the row as it is now)
    uint32_t mismatch = 0;                           // row index
    watchfloor::v1::ResolveMismatchRequest request;  // what approving applies
    std::string requesterRole;
};

class ApprovalBook {
public:
    static constexpr int kDefaultPageSize = 200;
    static constexpr int kMaxPageSize = 1000;

    // Adds a pending approval; returns its index (its id is idOf(index)).
    uint32_t add(ApprovalRecord record);
    ApprovalRecord& at(uint32_t index) { return records_[index]; }
    const ApprovalRecord& at(uint32_t index) const { return records_[index]; }
    // -1 if there is no such approval.
    int64_t find(const std::string& id) const;
    size_t size() const { return records_.size(); }

    static std::string idOf(uint32_t index);

    // One page; `fill` completes each approval (its mismatch).
    grpc::Status page(
        const watchfloor::v1::ListApprovalsRequest& request,
        const std::function<void(const ApprovalRecord&, watchfloor::v1::Approval*)>& fill,
        watchfloor::v1::ListApprovalsResponse* response) const;

private:
    std::vector<ApprovalRecord> records_;
};

}  // namespace wfsim

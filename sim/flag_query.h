#pragma once

// ListFlags over the flags in key order (kinds and a case-insensitive text
// filter on key, description and owner; pages of page_size, default 500, max
// 5000, the token holding the last key sent), and pages of a flag's audit
// trail (oldest first, same sizes), and pages of every flag's changes in a
// time range (ListFlagChanges: oldest first, same sizes, the token holding
// the position of the next one).

#include "watchfloor/v1/flag.pb.h"

#include <grpcpp/support/status.h>

#include <vector>

namespace wfsim {

class FlagQuery {
public:
    static constexpr int kDefaultPageSize = 500;
    static constexpr int kMaxPageSize = 5000;

    static grpc::Status run(const std::vector<watchfloor::v1::Flag>& flags,
                            const watchfloor::v1::ListFlagsRequest& request,
                            watchfloor::v1::ListFlagsResponse* response);
    static grpc::Status auditPage(const std::vector<watchfloor::v1::FlagAuditEntry>& entries,
                                  const watchfloor::v1::GetFlagAuditTrailRequest& request,
                                  watchfloor::v1::GetFlagAuditTrailResponse* response);
    // `changes` oldest first.
    static grpc::Status changesPage(const std::vector<watchfloor::v1::FlagAuditEntry>& changes,
                                    const watchfloor::v1::ListFlagChangesRequest& request,
                                    watchfloor::v1::ListFlagChangesResponse* response);
};

}  // namespace wfsim

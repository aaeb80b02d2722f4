#pragma once

// ListDeploys over the deploys in start order: filters (services, regions,
// started range; unknown ids are INVALID_ARGUMENT), newest first, pages of
// page_size (default 200, max 1000) with an opaque token holding the cursor
// (the position of the last deploy sent), so deploys that start meanwhile
// neither shift nor repeat the pages.

#include "watchfloor/v1/deploy.pb.h"

#include <grpcpp/support/status.h>

#include <vector>

namespace wfsim {

class DeployQuery {
public:
    static constexpr int kDefaultPageSize = 200;
    static constexpr int kMaxPageSize = 1000;

    static grpc::Status run(const std::vector<watchfloor::v1::Deploy>& deploys,
                            const watchfloor::v1::ListDeploysRequest& request,
                            watchfloor::v1::ListDeploysResponse* response);
};

}  // namespace wfsim

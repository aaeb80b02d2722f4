#pragma once

// Who is calling, as the platform knows them from the bearer token.

#include "watchfloor/v1/session.pb.h"

#include <string>

namespace wfsim {

struct Caller {
    std::string actor = "anonymous";  // "operator@sim", or "anonymous" without a token
    watchfloor::v1::Role role = watchfloor::v1::ROLE_VIEWER;
    bool anonymous = true;
};

}  // namespace wfsim

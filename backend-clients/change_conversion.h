#pragma once

// Contract messages for deploys, flags and sessions into the console's types.
// Unknown enum values become Unknown, never the healthiest value.

#include "change_types.h"

namespace watchfloor::v1 {
class Deploy;
class Flag;
class FlagChange;
class WhoAmIResponse;
class Vendor;
class CategoryRouting;
}  // namespace watchfloor::v1

namespace wf {

Deploy toDeploy(const watchfloor::v1::Deploy& d);
Flag toFlag(const watchfloor::v1::Flag& f);
FlagChangeEvent toFlagChange(const watchfloor::v1::FlagChange& c);
SessionInfo toSession(const watchfloor::v1::WhoAmIResponse& r);
Vendor toVendor(const watchfloor::v1::Vendor& v);
CategoryRouting toRouting(const watchfloor::v1::CategoryRouting& r);
VendorCategory toVendorCategory(int protoCategory);
int toProtoCategory(VendorCategory c);

}  // namespace wf

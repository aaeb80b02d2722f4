#pragma once

// What each role may do. Viewer: nothing; operator: deploys.rollback,
// flags.set, incidents.write, recon.resolve; incident commander:
// deploys.rollback, flags.set, flags.set.kill_switch, incidents.write and
// vendors.failover; payments approver: recon.approve and recon.resolve.

#include "watchfloor/v1/session.pb.h"

#include <string>
#include <string_view>
#include <vector>

namespace wfsim {

class RolePermissions {
public:
    static constexpr std::string_view kRollback = "deploys.rollback";
    static constexpr std::string_view kSetFlags = "flags.set";
    static constexpr std::string_view kSetKillSwitch = "flags.set.kill_switch";
    static constexpr std::string_view kApproveRecon = "recon.approve";
    static constexpr std::string_view kResolveRecon = "recon.resolve";
    static constexpr std::string_view kVendorFailover = "vendors.failover";
    static constexpr std::string_view kWriteIncidents = "incidents.write";

    // "viewer", "operator", "incident-commander", "payments-approver".
    static std::string name(watchfloor::v1::Role role);
    static std::vector<std::string> of(watchfloor::v1::Role role);
    static bool allows(watchfloor::v1::Role role, std::string_view permission);
};

}  // namespace wfsim

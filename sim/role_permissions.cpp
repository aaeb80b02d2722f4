#include "role_permissions.h"

#include <algorithm>

namespace wfsim {

namespace v1 = watchfloor::v1;

std::string RolePermissions::name(v1::Role role)
{
    switch (role) {
        case v1::ROLE_VIEWER: return "viewer";
        case v1::ROLE_OPERATOR: return "operator";
        case v1::ROLE_INCIDENT_COMMANDER: return "incident-commander";
        case v1::ROLE_PAYMENTS_APPROVER: return "payments-approver";
        default: return "unknown";
    }
}

std::vector<std::string> RolePermissions::of(v1::Role role)
{
    switch (role) {
        case v1::ROLE_OPERATOR:
            return {std::string(kRollback), std::string(kSetFlags), std::string(kWriteIncidents),
                    std::string(kResolveRecon)};
        case v1::ROLE_INCIDENT_COMMANDER:
            return {std::string(kRollback), std::string(kSetFlags), std::string(kSetKillSwitch),
                    std::string(kWriteIncidents), std::string(kVendorFailover)};
        case v1::ROLE_PAYMENTS_APPROVER:
            return {std::string(kApproveRecon), std::string(kResolveRecon)};
        default: return {};
    }
}

bool RolePermissions::allows(v1::Role role, std::string_view permission)
{
    const std::vector<std::string> granted = of(role);
    return std::find(granted.begin(), granted.end(), permission) != granted.end();
}

}  // namespace wfsim

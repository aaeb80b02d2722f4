#include "change_types.h"

namespace wf {

QString roleName(Role role)
{
    switch (role) {
        case Role::Viewer: return QStringLiteral("viewer");
        case Role::Operator: return QStringLiteral("operator");
        case Role::IncidentCommander: return QStringLiteral("incident commander");
        case Role::PaymentsApprover: return QStringLiteral("payments approver");
        case Role::Unknown: break;
    }
    return QStringLiteral("unknown role");
}

QString deployStatusName(DeployStatus s)
{
    switch (s) {
        case DeployStatus::InProgress: return QStringLiteral("In progress");
        case DeployStatus::Succeeded: return QStringLiteral("Succeeded");
        case DeployStatus::Failed: return QStringLiteral("Failed");
        case DeployStatus::RollingBack: return QStringLiteral("Rolling back");
        case DeployStatus::RolledBack: return QStringLiteral("Rolled back");
        case DeployStatus::Unknown: break;
    }
    return QStringLiteral("Unknown");
}

QString flagKindName(FlagKind k)
{
    switch (k) {
        case FlagKind::KillSwitch: return QStringLiteral("Kill switch");
        case FlagKind::Release: return QStringLiteral("Release");
        case FlagKind::Experiment: return QStringLiteral("Experiment");
        case FlagKind::Operational: return QStringLiteral("Operational");
        case FlagKind::Unknown: break;
    }
    return QStringLiteral("Unknown");
}

const FlagState* Flag::state(const QString& environment, const QString& region) const
{
    for (const FlagState& s : states)
        if (s.environment == environment && s.region == region)
            return &s;
    return nullptr;
}

}  // namespace wf

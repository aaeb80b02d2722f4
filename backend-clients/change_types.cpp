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

QString vendorCategoryName(VendorCategory c)
{
    switch (c) {
        case VendorCategory::PaymentProvider: return QStringLiteral("Payment provider");
        case VendorCategory::Fraud: return QStringLiteral("Fraud");
        case VendorCategory::Tax: return QStringLiteral("Tax");
        case VendorCategory::Shipping: return QStringLiteral("Shipping");
        case VendorCategory::Unknown: break;
    }
    return QStringLiteral("Unknown");
}

QString publishedStatusName(PublishedStatus s)
{
    switch (s) {
        case PublishedStatus::Operational: return QStringLiteral("Operational");
        case PublishedStatus::Degraded: return QStringLiteral("Degraded performance");
        case PublishedStatus::PartialOutage: return QStringLiteral("Partial outage");
        case PublishedStatus::MajorOutage: return QStringLiteral("Major outage");
        case PublishedStatus::Maintenance: return QStringLiteral("Under maintenance");
        case PublishedStatus::Unknown: break;
    }
    return QStringLiteral("Unknown");
}

QString breakerStateName(BreakerState s)
{
    switch (s) {
        case BreakerState::Closed: return QStringLiteral("closed");
        case BreakerState::Open: return QStringLiteral("open");
        case BreakerState::HalfOpen: return QStringLiteral("half-open");
        case BreakerState::ForcedOpen: return QStringLiteral("forced open");
        case BreakerState::Disabled: return QStringLiteral("disabled");
        case BreakerState::Unknown: break;
    }
    return QStringLiteral("unknown");
}

VendorPoint VendorRegionState::point() const
{
    return {measuredAtMs, errorRate, p95Ms, calls, breaker, published};
}

bool VendorRegionState::disagrees() const
{
    return !disagreement().isEmpty();
}

QString VendorRegionState::disagreement() const
{
    const bool saysFine = published == PublishedStatus::Operational;
    const bool failing =
        breaker == BreakerState::Open || breaker == BreakerState::HalfOpen || errorRate > 0.05;
    if (saysFine && failing)
        return breaker == BreakerState::Open || breaker == BreakerState::HalfOpen
                   ? QStringLiteral("breaker %1, vendor says operational")
                         .arg(breakerStateName(breaker))
                   : QStringLiteral("%1% errors, vendor says operational")
                         .arg(QString::number(errorRate * 100.0, 'f', 0));
    return {};
}

const VendorRegionState* Vendor::region(const QString& r) const
{
    for (const VendorRegionState& s : regions)
        if (s.region == r)
            return &s;
    return nullptr;
}

}  // namespace wf

#include "change_conversion.h"
#include "timestamp_conversion.h"

#include "watchfloor/v1/deploy.pb.h"
#include "watchfloor/v1/flag.pb.h"
#include "watchfloor/v1/session.pb.h"
#include "watchfloor/v1/vendor.pb.h"

#include <cmath>

namespace wf {

namespace v1 = watchfloor::v1;

namespace {

QString str(const std::string& s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QStringList strings(const google::protobuf::RepeatedPtrField<std::string>& in)
{
    QStringList out;
    out.reserve(in.size());
    for (const std::string& s : in)
        out << str(s);
    return out;
}

DeployStatus toStatus(v1::DeployStatus s)
{
    switch (s) {
        case v1::DEPLOY_STATUS_IN_PROGRESS: return DeployStatus::InProgress;
        case v1::DEPLOY_STATUS_SUCCEEDED: return DeployStatus::Succeeded;
        case v1::DEPLOY_STATUS_FAILED: return DeployStatus::Failed;
        case v1::DEPLOY_STATUS_ROLLING_BACK: return DeployStatus::RollingBack;
        case v1::DEPLOY_STATUS_ROLLED_BACK: return DeployStatus::RolledBack;
        default: return DeployStatus::Unknown;
    }
}

FlagKind toKind(v1::FlagKind k)
{
    switch (k) {
        case v1::FLAG_KIND_KILL_SWITCH: return FlagKind::KillSwitch;
        case v1::FLAG_KIND_RELEASE: return FlagKind::Release;
        case v1::FLAG_KIND_EXPERIMENT: return FlagKind::Experiment;
        case v1::FLAG_KIND_OPERATIONAL: return FlagKind::Operational;
        default: return FlagKind::Unknown;
    }
}

Role toRole(v1::Role r)
{
    switch (r) {
        case v1::ROLE_VIEWER: return Role::Viewer;
        case v1::ROLE_OPERATOR: return Role::Operator;
        case v1::ROLE_INCIDENT_COMMANDER: return Role::IncidentCommander;
        case v1::ROLE_PAYMENTS_APPROVER: return Role::PaymentsApprover;
        default: return Role::Unknown;
    }
}

PublishedStatus toPublished(v1::PublishedStatus s)
{
    switch (s) {
        case v1::PUBLISHED_STATUS_OPERATIONAL: return PublishedStatus::Operational;
        case v1::PUBLISHED_STATUS_DEGRADED_PERFORMANCE: return PublishedStatus::Degraded;
        case v1::PUBLISHED_STATUS_PARTIAL_OUTAGE: return PublishedStatus::PartialOutage;
        case v1::PUBLISHED_STATUS_MAJOR_OUTAGE: return PublishedStatus::MajorOutage;
        case v1::PUBLISHED_STATUS_UNDER_MAINTENANCE: return PublishedStatus::Maintenance;
        default: return PublishedStatus::Unknown;
    }
}

BreakerState toBreaker(v1::BreakerState s)
{
    switch (s) {
        case v1::BREAKER_STATE_CLOSED: return BreakerState::Closed;
        case v1::BREAKER_STATE_OPEN: return BreakerState::Open;
        case v1::BREAKER_STATE_HALF_OPEN: return BreakerState::HalfOpen;
        case v1::BREAKER_STATE_FORCED_OPEN: return BreakerState::ForcedOpen;
        case v1::BREAKER_STATE_DISABLED: return BreakerState::Disabled;
        default: return BreakerState::Unknown;
    }
}

double finiteOrZero(double v)
{
    return std::isfinite(v) && v >= 0 ? v : 0.0;
}

// A latency as the views can show it: not a number or negative is 0, and
// anything past 10,000 s is 10,000 s (found by fuzz_proto_models: a p95 of
// 2e272 ms overflowed the rounding to whole milliseconds).
double latencyMs(double v)
{
    return std::clamp(finiteOrZero(v), 0.0, 1e7);
}

}  // namespace

VendorCategory toVendorCategory(int c)
{
    switch (c) {
        case v1::VENDOR_CATEGORY_PAYMENT_PROVIDER: return VendorCategory::PaymentProvider;
        case v1::VENDOR_CATEGORY_FRAUD: return VendorCategory::Fraud;
        case v1::VENDOR_CATEGORY_TAX: return VendorCategory::Tax;
        case v1::VENDOR_CATEGORY_SHIPPING: return VendorCategory::Shipping;
        default: return VendorCategory::Unknown;
    }
}

int toProtoCategory(VendorCategory c)
{
    switch (c) {
        case VendorCategory::PaymentProvider: return v1::VENDOR_CATEGORY_PAYMENT_PROVIDER;
        case VendorCategory::Fraud: return v1::VENDOR_CATEGORY_FRAUD;
        case VendorCategory::Tax: return v1::VENDOR_CATEGORY_TAX;
        case VendorCategory::Shipping: return v1::VENDOR_CATEGORY_SHIPPING;
        case VendorCategory::Unknown: break;
    }
    return v1::VENDOR_CATEGORY_UNSPECIFIED;
}

Vendor toVendor(const v1::Vendor& v)
{
    Vendor out;
    out.id = str(v.id());
    out.displayName = v.display_name().empty() ? out.id : str(v.display_name());
    out.category = toVendorCategory(v.category());
    out.journeys = strings(v.journeys());
    for (const v1::VendorRegionState& r : v.regions()) {
        VendorRegionState s;
        s.region = str(r.region());
        s.published = toPublished(r.published_status());
        s.p50Ms = latencyMs(r.latency_p50_ms());
        s.p95Ms = latencyMs(r.latency_p95_ms());
        s.p99Ms = latencyMs(r.latency_p99_ms());
        s.errorRate = std::clamp(finiteOrZero(r.error_rate()), 0.0, 1.0);
        s.calls = std::max<qint64>(0, r.calls());
        s.breaker = toBreaker(r.breaker());
        s.breakerChangedMs = timestampMs(r.breaker_changed_at());
        s.serving = r.serving();
        s.measuredAtMs = timestampMs(r.measured_at());
        s.recent.reserve(r.recent_size());
        for (const v1::VendorWindowPoint& p : r.recent()) {
            VendorPoint point;
            point.atMs = timestampMs(p.at());
            point.errorRate = std::clamp(finiteOrZero(p.error_rate()), 0.0, 1.0);
            point.p95Ms = latencyMs(p.latency_p95_ms());
            point.calls = std::max<qint64>(0, p.calls());
            point.breaker = toBreaker(p.breaker());
            point.published = toPublished(p.published_status());
            // Out-of-order or undated points are dropped, never drawn.
            if (point.atMs > 0 && (s.recent.isEmpty() || point.atMs > s.recent.last().atMs))
                s.recent.append(point);
        }
        out.regions.append(s);
    }
    return out;
}

CategoryRouting toRouting(const v1::CategoryRouting& r)
{
    CategoryRouting out;
    out.category = toVendorCategory(r.category());
    out.region = str(r.region());
    out.primaryVendorId = str(r.primary_vendor_id());
    out.secondaryVendorId = str(r.secondary_vendor_id());
    out.servingVendorId = str(r.serving_vendor_id());
    out.resourceVersion = r.resource_version();
    if (r.has_changed_at())
        out.changedAtMs = timestampMs(r.changed_at());
    out.changedBy = str(r.changed_by());
    out.changeReason = str(r.change_reason());
    return out;
}

Deploy toDeploy(const v1::Deploy& d)
{
    Deploy out;
    out.id = str(d.id());
    out.service = str(d.service());
    out.version = str(d.version());
    out.previousVersion = str(d.previous_version());
    out.author = str(d.author());
    out.region = str(d.region());
    out.environment = str(d.environment());
    out.startedMs = timestampMs(d.started_at());
    out.finishedMs = d.has_finished_at() ? timestampMs(d.finished_at()) : 0;
    out.canaryShare =
        std::isfinite(d.canary_share()) ? std::clamp(d.canary_share(), 0.0, 1.0) : 0.0;
    out.status = toStatus(d.status());
    out.journeys = strings(d.journeys());
    out.description = str(d.description());
    out.resourceVersion = d.resource_version();
    out.rolledBackByAction = str(d.rolled_back_by_action());
    out.rollbackStartedMs = d.has_rollback_started_at() ? timestampMs(d.rollback_started_at()) : 0;
    return out;
}

Flag toFlag(const v1::Flag& f)
{
    Flag out;
    out.key = str(f.key());
    out.description = str(f.description());
    out.kind = toKind(f.kind());
    out.owner = str(f.owner());
    out.journeys = strings(f.journeys());
    out.resourceVersion = f.resource_version();
    out.states.reserve(f.states_size());
    for (const v1::FlagState& s : f.states())
        out.states.append({str(s.environment()), str(s.region()), s.enabled(),
                           timestampMs(s.changed_at()), str(s.changed_by())});
    return out;
}

FlagChangeEvent toFlagChange(const v1::FlagChange& c)
{
    FlagChangeEvent e;
    e.flag = toFlag(c.flag());
    e.environment = str(c.environment());
    e.region = str(c.region());
    e.enabled = c.enabled();
    e.actor = str(c.actor());
    e.reason = str(c.reason());
    e.changedMs = timestampMs(c.changed_at());
    return e;
}

SessionInfo toSession(const v1::WhoAmIResponse& r)
{
    SessionInfo s;
    s.actor = str(r.actor());
    s.role = toRole(r.role());
    s.permissions = strings(r.permissions());
    return s;
}

}  // namespace wf

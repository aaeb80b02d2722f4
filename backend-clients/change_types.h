#pragma once

// What changed on the platform (deploys, flags) and who may change it, as
// plain values for the models. No protobuf types leak past backend-clients.

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace wf {

enum class Role { Unknown, Viewer, Operator, IncidentCommander, PaymentsApprover };
QString roleName(Role role);

struct SessionInfo {
    QString actor;
    Role role = Role::Unknown;
    QStringList permissions;
    // Over TLS: who the platform proved to be (its certificate's names);
    // empty over a plain connection.
    QString serverIdentity;
    bool may(const QString& permission) const { return permissions.contains(permission); }
};

enum class DeployStatus { Unknown, InProgress, Succeeded, Failed, RollingBack, RolledBack };
QString deployStatusName(DeployStatus s);

struct Deploy {
    QString id;
    QString service;
    QString version;
    QString previousVersion;
    QString author;
    QString region;
    QString environment;
    qint64 startedMs = 0;
    qint64 finishedMs = 0;  // 0 while in progress
    double canaryShare = 0;
    DeployStatus status = DeployStatus::Unknown;
    QStringList journeys;
    QString description;
    qint64 resourceVersion = 0;
    QString rolledBackByAction;
    qint64 rollbackStartedMs = 0;  // 0: no rollback, or the platform does not say
};

enum class FlagKind { Unknown, KillSwitch, Release, Experiment, Operational };
QString flagKindName(FlagKind k);

struct FlagState {
    QString environment;
    QString region;
    bool enabled = false;
    qint64 changedMs = 0;
    QString changedBy;
};

struct Flag {
    QString key;
    QString description;
    FlagKind kind = FlagKind::Unknown;
    QString owner;
    QStringList journeys;
    QVector<FlagState> states;
    qint64 resourceVersion = 0;

    const FlagState* state(const QString& environment, const QString& region) const;
};

// One flag state change, as streamed (for markers and the timeline).
struct FlagChangeEvent {
    Flag flag;
    QString environment;
    QString region;
    bool enabled = false;
    QString actor;
    QString reason;
    qint64 changedMs = 0;
};

// One applied flag change from the platform's record (ListFlagChanges).
struct FlagChangeRecord {
    QString key;
    QString environment;
    QString region;
    bool enabled = false;
    qint64 atMs = 0;
    QString actor;
    QString reason;
};

enum class VendorCategory { Unknown, PaymentProvider, Fraud, Tax, Shipping };
QString vendorCategoryName(VendorCategory c);

// What the vendor's status page says; Unknown is never shown as healthy.
enum class PublishedStatus {
    Unknown,
    Operational,
    Degraded,
    PartialOutage,
    MajorOutage,
    Maintenance
};
QString publishedStatusName(PublishedStatus s);

enum class BreakerState { Unknown, Closed, Open, HalfOpen, ForcedOpen, Disabled };
QString breakerStateName(BreakerState s);

// A vendor's state in a region after one 10 s window (its history).
struct VendorPoint {
    qint64 atMs = 0;
    double errorRate = 0;  // 0..1 over the minute ending at atMs
    double p95Ms = 0;
    qint64 calls = 0;
    BreakerState breaker = BreakerState::Unknown;
    PublishedStatus published = PublishedStatus::Unknown;
};

struct VendorRegionState {
    QString region;
    PublishedStatus published = PublishedStatus::Unknown;
    double p50Ms = 0, p95Ms = 0, p99Ms = 0;
    double errorRate = 0;  // 0..1
    qint64 calls = 0;
    BreakerState breaker = BreakerState::Unknown;
    qint64 breakerChangedMs = 0;
    bool serving = false;
    qint64 measuredAtMs = 0;      // end of the newest window measured
    QVector<VendorPoint> recent;  // from the snapshot only, oldest first

    // This state as a history point.
    VendorPoint point() const;
    // What we measure disagrees with what the vendor publishes.
    bool disagrees() const;
    QString disagreement() const;
};

struct Vendor {
    QString id;
    QString displayName;
    VendorCategory category = VendorCategory::Unknown;
    QVector<VendorRegionState> regions;
    QStringList journeys;
    const VendorRegionState* region(const QString& r) const;
};

struct CategoryRouting {
    VendorCategory category = VendorCategory::Unknown;
    QString region;
    QString primaryVendorId;
    QString secondaryVendorId;
    QString servingVendorId;
    qint64 resourceVersion = 0;
    qint64 changedAtMs = 0;  // last failover or failback, 0 if none
    QString changedBy;
    QString changeReason;
};

}  // namespace wf

Q_DECLARE_METATYPE(wf::Vendor)
Q_DECLARE_METATYPE(QVector<wf::Vendor>)
Q_DECLARE_METATYPE(wf::CategoryRouting)
Q_DECLARE_METATYPE(QVector<wf::CategoryRouting>)
Q_DECLARE_METATYPE(wf::SessionInfo)
Q_DECLARE_METATYPE(wf::Deploy)
Q_DECLARE_METATYPE(QVector<wf::Deploy>)
Q_DECLARE_METATYPE(wf::Flag)
Q_DECLARE_METATYPE(QVector<wf::Flag>)
Q_DECLARE_METATYPE(wf::FlagChangeEvent)

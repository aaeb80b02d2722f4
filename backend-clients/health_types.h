#pragma once

// Transport-neutral journey-health data, as the client hands it to the models.
// Plain values: no protobuf types leak past backend-clients.

#include "money.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>
#include <cstdint>

namespace wf {

enum class SliKind { Unspecified, Availability, Latency, SuccessRate };

struct JourneyDefinition {
    QString id;           // "payment-authorization"
    QString displayName;  // "Payment authorization"
    QString description;  // what counts as good / valid
    SliKind kind = SliKind::Unspecified;
    double objective = 0.0;  // 0.999
    qint64 sloWindowMs = 0;
    qint64 latencyThresholdMs = 0;
    QStringList regions;
};

struct PlatformCatalog {
    QVector<JourneyDefinition> journeys;
    QStringList regions;
    qint64 platformTimeMs = 0;
    // For the revenue-at-risk estimate; minor 0: the platform did not say.
    Money averageOrderValue;

    int journeyIndex(const QString& id) const;
    int regionIndex(const QString& id) const;
    int seriesCount() const { return int(journeys.size() * regions.size()); }
    int seriesIndex(int journey, int region) const
    {
        return journey * int(regions.size()) + region;
    }
};

// One interval of one journey in one region. Kept small: millions are held.
struct HealthPoint {
    qint64 startMs = 0;
    qint32 intervalMs = 0;
    qint64 good = 0;
    qint64 valid = 0;
    float p50Ms = 0;
    float p95Ms = 0;
    float p99Ms = 0;
    quint64 sequence = 0;
    qint64 endMs() const { return startMs + intervalMs; }
};

struct HealthSample {
    int series = -1;  // PlatformCatalog::seriesIndex(journey, region)
    HealthPoint point;
};
using HealthBatch = QVector<HealthSample>;

// History for every series at two resolutions: fine (recent hours, as
// recorded) and coarse (the SLO window, in buckets).
struct HealthHistory {
    QString epoch;
    quint64 upToSequence = 0;
    qint64 platformTimeMs = 0;
    QVector<QVector<HealthPoint>> fine;    // by series index
    QVector<QVector<HealthPoint>> coarse;  // by series index
    qint64 coarseResolutionMs = 0;
};

}  // namespace wf

Q_DECLARE_METATYPE(wf::PlatformCatalog)
Q_DECLARE_METATYPE(wf::HealthBatch)
Q_DECLARE_METATYPE(wf::HealthHistory)

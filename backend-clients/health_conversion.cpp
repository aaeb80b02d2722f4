#include "health_conversion.h"
#include "timestamp_conversion.h"

#include "watchfloor/v1/journey_health.pb.h"

#include <cmath>

namespace wf {

namespace {

SliKind toKind(watchfloor::v1::SliKind k)
{
    switch (k) {
        case watchfloor::v1::SLI_KIND_AVAILABILITY: return SliKind::Availability;
        case watchfloor::v1::SLI_KIND_LATENCY: return SliKind::Latency;
        case watchfloor::v1::SLI_KIND_SUCCESS_RATE: return SliKind::SuccessRate;
        default: return SliKind::Unspecified;
    }
}

bool validLatency(double v)
{
    return std::isfinite(v) && v >= 0 && v < 1e7;
}

}  // namespace

QString quoted(const std::string& s, int maxChars)
{
    QString q =
        QString::fromUtf8(s.data(), qsizetype(std::min<size_t>(s.size(), size_t(maxChars) * 4)));
    if (q.size() > maxChars || s.size() > size_t(maxChars) * 4)
        q = q.left(maxChars) + QStringLiteral("… (%1 bytes)").arg(s.size());
    return QLatin1Char('"') + q + QLatin1Char('"');
}

std::optional<PlatformCatalog> toCatalog(const watchfloor::v1::ListJourneysResponse& r,
                                         QString* error)
{
    PlatformCatalog c;
    for (const std::string& region : r.regions())
        c.regions << QString::fromStdString(region);
    for (const auto& j : r.journeys()) {
        JourneyDefinition d;
        d.id = QString::fromStdString(j.id());
        d.displayName = QString::fromStdString(j.display_name());
        d.description = QString::fromStdString(j.description());
        d.kind = toKind(j.sli_kind());
        d.objective = j.objective();
        d.sloWindowMs = durationMs(j.slo_window());
        d.latencyThresholdMs = durationMs(j.latency_threshold());
        for (const std::string& region : j.regions())
            d.regions << QString::fromStdString(region);
        if (d.id.isEmpty() || !(d.objective > 0.0 && d.objective < 1.0) || d.sloWindowMs <= 0) {
            *error = QStringLiteral(
                         "The platform described journey %1 with an invalid SLO "
                         "(objective %2, window %3 ms).")
                         .arg(quoted(j.id()))
                         .arg(d.objective)
                         .arg(d.sloWindowMs);
            return std::nullopt;
        }
        if (d.displayName.isEmpty())
            d.displayName = d.id;
        c.journeys.append(d);
    }
    if (c.journeys.isEmpty() || c.regions.isEmpty()) {
        *error = QStringLiteral("The platform reported no journeys or no regions.");
        return std::nullopt;
    }
    c.platformTimeMs = timestampMs(r.platform_time());
    // An order value that is not a sane positive amount in a known currency
    // is left out (no estimate), not an error: the health data still counts.
    if (r.has_average_order_value()) {
        const Money aov{r.average_order_value().amount_minor(),
                        QString::fromStdString(r.average_order_value().currency_code())};
        if (aov.valid() && aov.minor > 0 && aov.minor <= 100'000'000'00LL)
            c.averageOrderValue = aov;
    }
    return c;
}

std::optional<HealthPoint> toPoint(const watchfloor::v1::HealthSample& s, QString* error)
{
    HealthPoint p;
    p.startMs = timestampMs(s.interval_start());
    const qint64 interval = durationMs(s.interval());
    if (interval <= 0 || interval > 7 * 24 * 3600 * 1000LL) {
        *error = QStringLiteral("an interval of %1 ms").arg(interval);
        return std::nullopt;
    }
    p.intervalMs = qint32(interval);
    if (s.valid() < 0 || s.good() < 0) {
        *error =
            QStringLiteral("a negative count (good %1, valid %2)").arg(s.good()).arg(s.valid());
        return std::nullopt;
    }
    if (s.good() > s.valid()) {
        *error = QStringLiteral("more good events than valid ones (good %1, valid %2)")
                     .arg(s.good())
                     .arg(s.valid());
        return std::nullopt;
    }
    if (!validLatency(s.latency_p50_ms()) || !validLatency(s.latency_p95_ms()) ||
        !validLatency(s.latency_p99_ms())) {
        *error = QStringLiteral("a latency that is not a number (p50 %1, p95 %2, p99 %3)")
                     .arg(s.latency_p50_ms())
                     .arg(s.latency_p95_ms())
                     .arg(s.latency_p99_ms());
        return std::nullopt;
    }
    p.good = s.good();
    p.valid = s.valid();
    p.p50Ms = float(s.latency_p50_ms());
    p.p95Ms = float(s.latency_p95_ms());
    p.p99Ms = float(s.latency_p99_ms());
    p.sequence = s.sequence();
    return p;
}

std::optional<HealthSample> toSample(const PlatformCatalog& catalog,
                                     const watchfloor::v1::HealthSample& s, QString* error)
{
    const int j = catalog.journeyIndex(QString::fromStdString(s.journey_id()));
    const int r = catalog.regionIndex(QString::fromStdString(s.region()));
    if (j < 0 || r < 0) {
        *error =
            j < 0 ? QStringLiteral("a sample for an unknown journey %1").arg(quoted(s.journey_id()))
                  : QStringLiteral("a sample for an unknown region %1").arg(quoted(s.region()));
        return std::nullopt;
    }
    QString why;
    auto p = toPoint(s, &why);
    if (!p) {
        *error = QStringLiteral("a sample for %1/%2 with %3")
                     .arg(catalog.journeys[j].id, catalog.regions[r], why);
        return std::nullopt;
    }
    if (p->sequence == 0) {
        *error = QStringLiteral("a live sample for %1/%2 without a sequence number")
                     .arg(catalog.journeys[j].id, catalog.regions[r]);
        return std::nullopt;
    }
    return HealthSample{catalog.seriesIndex(j, r), *p};
}

}  // namespace wf

#include "suspect_finder.h"

#include <QTimeZone>
#include <cmath>

namespace wf {

QString SuspectChange::describe() const
{
    return QStringLiteral(
               "Likely suspect: %1 %2 at %3, %4 before the burn began; %5% of the "
               "error budget spent since.")
        .arg(kind == Kind::Deploy ? QStringLiteral("deploy") : QStringLiteral("flag change"), title,
             QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::utc())
                 .toString(QStringLiteral("HH:mm:ss 'UTC'")),
             formatDuration(std::max<qint64>(0, burnStartMs - atMs)))
        .arg(QString::number(budgetSpentShare * 100.0, 'f', 1));
}

std::optional<qint64> burnStart(const HealthStore& store, int journey, int region)
{
    if (journey < 0 || journey >= store.journeyCount() || region < 0 ||
        region >= store.regionCount())
        return std::nullopt;
    const double budget = 1.0 - store.catalog().journeys[journey].objective;
    const HealthSeries& s = store.series(journey, region);
    const qint64 end = store.latestMs();
    auto burning = [&](qint64 spanEnd) {
        const WindowCounts w = s.window(spanEnd, kMinuteMs);
        return w.valid > 0 && double(w.bad()) / double(w.valid) / budget > 1.0;
    };
    if (!burning(end))
        return std::nullopt;
    qint64 t = end;
    const qint64 limit = end - 6 * kHourMs;
    while (t - kMinuteMs > limit && burning(t - kMinuteMs))
        t -= kMinuteMs;
    // t - 1 min is the first burning minute's start; refine to the fine tier.
    qint64 start = t - kMinuteMs;
    const auto& fine = s.fine().points;
    for (size_t i = s.fine().lowerBound(start); i < fine.size() && fine[i].startMs < t; ++i) {
        const HealthPoint& p = fine[i];
        if (p.valid > 0 && double(p.valid - p.good) / double(p.valid) / budget > 1.0) {
            start = p.startMs;
            break;
        }
    }
    return start;
}

std::optional<SuspectChange> findSuspect(const HealthStore& store, int journey, int region,
                                         const QVector<Deploy>& deploys,
                                         const QVector<FlagChangeEvent>& flagChanges,
                                         qint64 lookbackMs)
{
    const auto start = burnStart(store, journey, region);
    if (!start)
        return std::nullopt;
    const QString journeyId = store.catalog().journeys[journey].id;
    const QString regionId = store.catalog().regions[region];
    const qint64 latest = *start + 2 * kMinuteMs;
    const qint64 earliest = *start - lookbackMs;

    std::optional<SuspectChange> best;
    auto consider = [&](SuspectChange c) {
        if (c.atMs < earliest || c.atMs > latest)
            return;
        if (!best || c.atMs > best->atMs)
            best = c;
    };
    for (const Deploy& d : deploys) {
        if (d.region != regionId || !d.journeys.contains(journeyId))
            continue;
        SuspectChange c;
        c.kind = SuspectChange::Kind::Deploy;
        c.id = d.id;
        c.title = QStringLiteral("%1 %2 by %3").arg(d.service, d.version, d.author);
        c.atMs = d.startedMs;
        consider(c);
    }
    for (const FlagChangeEvent& f : flagChanges) {
        if (f.region != regionId || !f.flag.journeys.contains(journeyId))
            continue;
        SuspectChange c;
        c.kind = SuspectChange::Kind::Flag;
        c.id = f.flag.key;
        c.title = QStringLiteral("%1 %2 in %3 by %4")
                      .arg(f.flag.key, f.enabled ? QStringLiteral("on") : QStringLiteral("off"),
                           f.environment, f.actor);
        c.atMs = f.changedMs;
        consider(c);
    }
    if (!best)
        return std::nullopt;
    best->burnStartMs = *start;
    // Share of the whole SLO window's budget spent since the change.
    const JourneyDefinition& def = store.catalog().journeys[journey];
    const HealthSeries& s = store.series(journey, region);
    const WindowCounts since = s.window(store.latestMs(), store.latestMs() - best->atMs);
    const WindowCounts slo = s.window(store.latestMs(), def.sloWindowMs);
    const double allowed = (1.0 - def.objective) * double(slo.valid);
    best->budgetSpentShare = allowed > 0 ? double(since.bad()) / allowed : 0.0;
    return best;
}

}  // namespace wf

#include "incident_milestones.h"

#include <QDateTime>
#include <QTimeZone>

namespace wf {

namespace {

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

// The two times as short as they can be while still telling them apart.
std::pair<QString, QString> timePair(qint64 a, qint64 b)
{
    const QDateTime da = utc(a);
    const QDateTime db = utc(b);
    QString format = QStringLiteral("HH:mm");
    if (da.time().second() != 0 || db.time().second() != 0 || da.time().msec() != 0 ||
        db.time().msec() != 0)
        format += QStringLiteral(":ss");
    if (da.toString(format) == db.toString(format) && a != b)
        format += QStringLiteral(".zzz");
    if (da.date() != db.date())
        format.prepend(QStringLiteral("yyyy-MM-dd "));
    return {da.toString(format), db.toString(format)};
}

// What the later milestone cannot come before, as the end of a sentence.
QString verb(Milestone m)
{
    switch (m) {
        case Milestone::Started: return QStringLiteral("started");
        case Milestone::Detected: return QStringLiteral("detected");
        case Milestone::Acknowledged: return QStringLiteral("acknowledged");
        case Milestone::Mitigated: return QStringLiteral("mitigated");
        case Milestone::Resolved: return QStringLiteral("resolved");
    }
    return {};
}

QString condition(Milestone m)
{
    switch (m) {
        case Milestone::Started: return QStringLiteral("it starts");
        case Milestone::Detected: return QStringLiteral("it is detected");
        case Milestone::Acknowledged: return QStringLiteral("it is acknowledged");
        case Milestone::Mitigated: return QStringLiteral("its impact is mitigated");
        case Milestone::Resolved: return QStringLiteral("it is resolved");
    }
    return {};
}

struct Order {
    Milestone earlier;
    Milestone later;
};

// The direct rules first, then the ones that span an unset milestone: when the
// one between is set, a broken spanning rule breaks a direct one first.
constexpr Order kOrder[] = {
    {Milestone::Started, Milestone::Detected},     {Milestone::Detected, Milestone::Acknowledged},
    {Milestone::Started, Milestone::Acknowledged}, {Milestone::Started, Milestone::Mitigated},
    {Milestone::Mitigated, Milestone::Resolved},   {Milestone::Acknowledged, Milestone::Resolved},
    {Milestone::Detected, Milestone::Resolved},    {Milestone::Started, Milestone::Resolved},
};

constexpr Milestone kAll[] = {Milestone::Started, Milestone::Detected, Milestone::Acknowledged,
                              Milestone::Mitigated, Milestone::Resolved};

}  // namespace

QString validateMilestones(const Milestones& m, qint64 nowMs)
{
    for (Milestone which : kAll) {
        const std::optional<qint64> at = m.at(which);
        if (at && *at > nowMs + kMilestoneFutureToleranceMs) {
            const auto [then, now] = timePair(*at, nowMs);
            return QStringLiteral(
                       "%1 (%2) is in the future (now %3): a milestone cannot be "
                       "later than now.")
                .arg(milestoneName(which), then, now);
        }
    }
    if (m.resolvedMs && !m.mitigatedMs)
        return QStringLiteral(
            "Resolved is set but Mitigated is not: an incident is resolved only after its "
            "impact is mitigated (set both to the same time if the impact ended with the "
            "resolution).");
    for (const Order& o : kOrder) {
        const std::optional<qint64> earlier = m.at(o.earlier);
        const std::optional<qint64> later = m.at(o.later);
        if (earlier && later && *later < *earlier) {
            const auto [laterText, earlierText] = timePair(*later, *earlier);
            return QStringLiteral("%1 (%2) is before %3 (%4): an incident cannot be %5 before %6.")
                .arg(milestoneName(o.later), laterText, milestoneName(o.earlier), earlierText,
                     verb(o.later), condition(o.earlier));
        }
    }
    return {};
}

}  // namespace wf

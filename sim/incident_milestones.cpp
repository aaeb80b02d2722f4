#include "incident_milestones.h"

#include "error_status.h"

#include <QDateTime>
#include <QTimeZone>
#include <optional>
#include <utility>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

enum class Milestone { Started, Detected, Acknowledged, Mitigated, Resolved };

struct Info {
    const char* name;       // "Detected"
    const char* field;      // "detected_at"
    const char* verb;       // "detected"
    const char* condition;  // "it is detected"
};

const Info& info(Milestone m)
{
    static const Info kInfo[] = {
        {"Started", "started_at", "started", "it starts"},
        {"Detected", "detected_at", "detected", "it is detected"},
        {"Acknowledged", "acknowledged_at", "acknowledged", "it is acknowledged"},
        {"Mitigated", "mitigated_at", "mitigated", "its impact is mitigated"},
        {"Resolved", "resolved_at", "resolved", "it is resolved"},
    };
    return kInfo[static_cast<int>(m)];
}

std::optional<int64_t> at(const v1::IncidentMilestones& m, Milestone which)
{
    const google::protobuf::Timestamp* ts = nullptr;
    switch (which) {
        case Milestone::Started:
            if (m.has_started_at())
                ts = &m.started_at();
            break;
        case Milestone::Detected:
            if (m.has_detected_at())
                ts = &m.detected_at();
            break;
        case Milestone::Acknowledged:
            if (m.has_acknowledged_at())
                ts = &m.acknowledged_at();
            break;
        case Milestone::Mitigated:
            if (m.has_mitigated_at())
                ts = &m.mitigated_at();
            break;
        case Milestone::Resolved:
            if (m.has_resolved_at())
                ts = &m.resolved_at();
            break;
    }
    if (!ts)
        return std::nullopt;
    return ts->seconds() * 1000 + ts->nanos() / 1000000;
}

QDateTime utc(int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

// The two times as short as they can be while still telling them apart.
std::pair<std::string, std::string> timePair(int64_t a, int64_t b)
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
    return {da.toString(format).toStdString(), db.toString(format).toStdString()};
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

grpc::Status IncidentMilestones::check(const v1::IncidentMilestones& m, int64_t nowMs,
                                       const std::string& prefix)
{
    for (Milestone which : kAll) {
        const std::optional<int64_t> when = at(m, which);
        if (when && *when > nowMs + kFutureToleranceMs) {
            const auto [then, now] = timePair(*when, nowMs);
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     std::string(info(which).name) + " (" + then +
                                         ") is in the future (now " + now +
                                         "): a milestone cannot be later than now.",
                                     "MILESTONE_IN_FUTURE", prefix + info(which).field,
                                     {{"milestone", info(which).field}});
        }
    }
    if (at(m, Milestone::Resolved) && !at(m, Milestone::Mitigated)) {
        return ErrorStatus::make(
            grpc::StatusCode::INVALID_ARGUMENT,
            "Resolved is set but Mitigated is not: an incident is resolved only after its impact "
            "is mitigated (set both to the same time if the impact ended with the resolution).",
            "MISSING_MILESTONE", prefix + "mitigated_at", {{"milestone", "mitigated_at"}});
    }
    for (const Order& o : kOrder) {
        const std::optional<int64_t> earlier = at(m, o.earlier);
        const std::optional<int64_t> later = at(m, o.later);
        if (earlier && later && *later < *earlier) {
            const auto [laterText, earlierText] = timePair(*later, *earlier);
            const Info& l = info(o.later);
            const Info& e = info(o.earlier);
            return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                     std::string(l.name) + " (" + laterText + ") is before " +
                                         e.name + " (" + earlierText + "): an incident cannot be " +
                                         l.verb + " before " + e.condition + ".",
                                     "MILESTONES_OUT_OF_ORDER", prefix + l.field,
                                     {{"milestone", l.field}, {"before", e.field}});
        }
    }
    return grpc::Status::OK;
}

}  // namespace wfsim

#include "status_update_draft.h"

#include "redaction.h"

#include <QDateTime>
#include <QRegularExpression>
#include <algorithm>

namespace wf {

namespace {

const TimelineEntry* lastUpdate(const QVector<TimelineEntry>& timeline)
{
    const TimelineEntry* last = nullptr;
    for (const TimelineEntry& e : timeline)
        if (e.kind == TimelineKind::StatusUpdate && (!last || e.atMs >= last->atMs))
            last = &e;
    return last;
}

qint64 lastUpdateMs(const QVector<TimelineEntry>& timeline)
{
    const TimelineEntry* last = lastUpdate(timeline);
    return last ? last->atMs : 0;
}

// The promise's words: the clock alone within 20 hours, with the date beyond.
QString promiseText(qint64 nextMs, qint64 nowMs)
{
    if (nextMs - nowMs < 20 * 3600'000LL)
        return incidentClockText(nextMs);
    return QDateTime::fromMSecsSinceEpoch(nextMs, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

// The time an update promised the next one ("Next update by 15:12 UTC.",
// or "... by 2026-11-27 09:00 UTC."): a clock alone is its first occurrence
// after the update was posted. The last such line counts (the template's
// own comes last).
std::optional<qint64> promisedNext(const TimelineEntry& update)
{
    static const QRegularExpression promise(
        QStringLiteral(R"(Next update by (?:(\d{4}-\d\d-\d\d) )?(\d\d):(\d\d) UTC)"));
    QRegularExpressionMatch m;
    for (auto it = promise.globalMatch(update.text); it.hasNext();)
        m = it.next();
    if (!m.hasMatch())
        return std::nullopt;
    const int minutes = m.captured(2).toInt() * 60 + m.captured(3).toInt();
    if (minutes >= 24 * 60)
        return std::nullopt;
    if (!m.captured(1).isEmpty()) {
        const QDate day = QDate::fromString(m.captured(1), Qt::ISODate);
        if (!day.isValid())
            return std::nullopt;
        return QDateTime(day, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() + minutes * 60'000LL;
    }
    constexpr qint64 kDayMs = 24 * 3600'000LL;
    const qint64 dayStart = update.atMs - update.atMs % kDayMs;
    qint64 at = dayStart + minutes * 60'000LL;
    if (at <= update.atMs)  // a clock at or before the posting: the next day's
        at += kDayMs;
    return at;
}

QStringList lines(const QString& text)
{
    QStringList out;
    for (const QString& l : text.split('\n', Qt::SkipEmptyParts))
        if (!l.trimmed().isEmpty())
            out << l.trimmed();
    return out;
}

}  // namespace

namespace {

int severityIndex(Severity severity)
{
    switch (severity) {
        case Severity::Sev1: return 0;
        case Severity::Sev2: return 1;
        case Severity::Sev3: return 2;
        case Severity::Sev4: return 3;
    }
    return 1;
}

}  // namespace

qint64 StatusUpdateCadence::intervalMs(Severity severity) const
{
    // Kept within a minute and a week whatever the settings say.
    return std::clamp(minutes[size_t(severityIndex(severity))], 1, 7 * 24 * 60) * 60'000LL;
}

int& StatusUpdateCadence::minutesFor(Severity severity)
{
    return minutes[size_t(severityIndex(severity))];
}

qint64 statusUpdateIntervalMs(Severity severity, const StatusUpdateCadence& cadence)
{
    return cadence.intervalMs(severity);
}

StatusUpdateDraft prefillStatusUpdate(const Incident& i, const QVector<TimelineEntry>& timeline,
                                      qint64 nowMs, const StatusUpdateCadence& cadence)
{
    StatusUpdateDraft d;
    const qint64 started = i.milestones.startedMs.value_or(i.declaredMs);
    d.conditions = QStringLiteral("%1 %2. Status: %3. Affected: %4 in %5. Started %6 (%7 ago).")
                       .arg(severityName(i.severity), i.title, incidentStatusName(i.status),
                            i.journeys.isEmpty() ? QStringLiteral("journeys not named yet")
                                                 : i.journeys.join(QStringLiteral(", ")),
                            i.regions.isEmpty() ? QStringLiteral("regions not named yet")
                                                : i.regions.join(QStringLiteral(", ")),
                            incidentClockText(started), incidentDurationText(nowMs - started));
    const qint64 since = lastUpdateMs(timeline);
    QStringList actions;
    for (const TimelineEntry& e : timeline)
        if (e.kind == TimelineKind::ConsoleAction && e.atMs > since)
            actions
                << QStringLiteral("%1 %2 (%3)").arg(incidentClockText(e.atMs), e.text, e.outcome);
    d.actions = actions.join('\n');
    d.nextUpdateMs = nowMs + cadence.intervalMs(i.severity);
    return d;
}

QString statusUpdatePlainText(const Incident& i, const StatusUpdateDraft& d, qint64 nowMs)
{
    QString out =
        QStringLiteral("%1 — %2 — update at %3\n\nCurrent conditions: %4\n")
            .arg(severityName(i.severity), i.title, incidentClockText(nowMs), d.conditions);
    const QStringList actions = lines(d.actions);
    out += QStringLiteral("\nActions taken:\n");
    out += actions.isEmpty() ? QStringLiteral("- none since the last update\n")
                             : QStringLiteral("- ") + actions.join(QStringLiteral("\n- ")) + '\n';
    out += QStringLiteral("\nNeeds: %1\n")
               .arg(d.needs.trimmed().isEmpty() ? QStringLiteral("none") : d.needs.trimmed());
    out += QStringLiteral("\nNext update by %1.\n").arg(promiseText(d.nextUpdateMs, nowMs));
    return redactSecrets(out);
}

QString statusUpdateMarkdown(const Incident& i, const StatusUpdateDraft& d, qint64 nowMs)
{
    QString out =
        QStringLiteral("**%1 — %2** · update at %3\n\n**Current conditions:** %4\n")
            .arg(severityName(i.severity), i.title, incidentClockText(nowMs), d.conditions);
    const QStringList actions = lines(d.actions);
    out += QStringLiteral("\n**Actions taken:**\n");
    out += actions.isEmpty() ? QStringLiteral("- none since the last update\n")
                             : QStringLiteral("- ") + actions.join(QStringLiteral("\n- ")) + '\n';
    out += QStringLiteral("\n**Needs:** %1\n")
               .arg(d.needs.trimmed().isEmpty() ? QStringLiteral("none") : d.needs.trimmed());
    out += QStringLiteral("\n_Next update by %1._\n").arg(promiseText(d.nextUpdateMs, nowMs));
    return redactSecrets(out);
}

std::optional<qint64> statusUpdateDueMs(const Incident& i, const QVector<TimelineEntry>& timeline,
                                        const StatusUpdateCadence& cadence)
{
    if (i.status == IncidentStatus::Resolved)
        return std::nullopt;
    // The time the last update promised, when it said one.
    if (const TimelineEntry* last = lastUpdate(timeline); last && last->atMs >= i.declaredMs)
        if (const std::optional<qint64> promised = promisedNext(*last))
            return promised;
    const qint64 last = std::max(lastUpdateMs(timeline), i.declaredMs);
    return last + cadence.intervalMs(i.severity);
}

}  // namespace wf

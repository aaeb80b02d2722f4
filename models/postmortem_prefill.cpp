#include "postmortem_prefill.h"

#include <QDateTime>

namespace wf {

namespace {

QString since(const Milestones& m, std::optional<qint64> at, const QString& name)
{
    if (!at)
        return QStringLiteral("%1: not recorded").arg(name);
    return m.startedMs
               ? QStringLiteral("%1: %2 (%3 after it started)")
                     .arg(name, incidentClockText(*at), incidentDurationText(*at - *m.startedMs))
               : QStringLiteral("%1: %2").arg(name, incidentClockText(*at));
}

}  // namespace

QString postmortemPrompt(PostmortemSectionKey key)
{
    switch (key) {
        case PostmortemSectionKey::Summary:
            return QStringLiteral("In three sentences: what broke, for whom, and how it ended.");
        case PostmortemSectionKey::Impact:
            return QStringLiteral(
                "Who was hurt and how much: journeys, regions, duration, "
                "failed checkouts, revenue at risk, error budget spent.");
        case PostmortemSectionKey::Detection:
            return QStringLiteral("How and when we found out, and how long that took (MTTD).");
        case PostmortemSectionKey::Response:
            return QStringLiteral("What we did to recover, and how long each step took.");
        case PostmortemSectionKey::Timeline:
            return QStringLiteral("The moments that mattered, in order.");
        case PostmortemSectionKey::RootCause:
            return QStringLiteral(
                "The root cause and the trigger (they are often different). Choose the "
                "cause's category and service above: the Trends view counts them.");
        case PostmortemSectionKey::ContributingFactors:
            return QStringLiteral(
                "From the taxonomy: change, dependency/vendor, capacity, "
                "configuration, data, process, monitoring gap.");
        case PostmortemSectionKey::WentWell: return QStringLiteral("What went well.");
        case PostmortemSectionKey::WentBadly: return QStringLiteral("What went badly.");
        case PostmortemSectionKey::GotLucky: return QStringLiteral("Where we got lucky.");
    }
    return {};
}

QString postmortemPrefill(PostmortemSectionKey key, const Incident& i,
                          const QVector<TimelineEntry>& timeline)
{
    const Milestones& m = i.milestones;
    const QString journeys = i.journeys.isEmpty() ? QStringLiteral("(journeys not named)")
                                                  : i.journeys.join(QStringLiteral(", "));
    const QString regions = i.regions.isEmpty() ? QStringLiteral("(regions not named)")
                                                : i.regions.join(QStringLiteral(", "));
    switch (key) {
        case PostmortemSectionKey::Summary: {
            QString s = QStringLiteral("%1: %2, affecting %3 in %4.")
                            .arg(severityName(i.severity), i.title, journeys, regions);
            if (m.startedMs && m.resolvedMs)
                s += QStringLiteral(" It lasted %1 and is resolved.")
                         .arg(incidentDurationText(*m.resolvedMs - *m.startedMs));
            return s;
        }
        case PostmortemSectionKey::Impact: {
            QString s = QStringLiteral("Journeys: %1\nRegions: %2\n").arg(journeys, regions);
            if (m.startedMs) {
                const std::optional<qint64> end = m.mitigatedMs ? m.mitigatedMs : m.resolvedMs;
                s += end ? QStringLiteral("Customer impact from %1 to %2 (%3).\n")
                               .arg(incidentClockText(*m.startedMs), incidentClockText(*end),
                                    incidentDurationText(*end - *m.startedMs))
                         : QStringLiteral("Customer impact from %1, not yet mitigated.\n")
                               .arg(incidentClockText(*m.startedMs));
            }
            return s;
        }
        case PostmortemSectionKey::Detection:
            return QStringList{
                m.startedMs ? QStringLiteral("Started: %1").arg(incidentClockText(*m.startedMs))
                            : QStringLiteral("Started: not recorded"),
                since(m, m.detectedMs, QStringLiteral("Detected (MTTD)")),
                m.acknowledgedMs && m.detectedMs
                    ? QStringLiteral("Acknowledged (MTTA): %1 (%2 after it was detected)")
                          .arg(incidentClockText(*m.acknowledgedMs),
                               incidentDurationText(*m.acknowledgedMs - *m.detectedMs))
                    : since(m, m.acknowledgedMs, QStringLiteral("Acknowledged (MTTA)")),
            }
                .join('\n');
        case PostmortemSectionKey::Response:
            return QStringList{
                since(m, m.mitigatedMs, QStringLiteral("Mitigated")),
                since(m, m.resolvedMs, QStringLiteral("Resolved (MTTR)")),
            }
                .join('\n');
        case PostmortemSectionKey::Timeline: {
            QStringList lines;
            for (const TimelineEntry& e : timeline) {
                const bool curated =
                    e.pinned || e.kind == TimelineKind::Declaration ||
                    e.kind == TimelineKind::ConsoleAction ||
                    e.kind == TimelineKind::AlertCrossing || e.kind == TimelineKind::StatusChange ||
                    e.kind == TimelineKind::SeverityChange || e.kind == TimelineKind::StatusUpdate;
                if (!curated)
                    continue;
                // A status update by its first line (the rest went to the channel).
                const QString text = e.kind == TimelineKind::StatusUpdate
                                         ? QStringLiteral("Status update by %1: %2")
                                               .arg(e.source, e.text.section('\n', 0, 0))
                                         : e.text;
                lines << QStringLiteral("- %1 %2%3")
                             .arg(incidentClockText(e.atMs), text,
                                  e.outcome.isEmpty() ? QString()
                                                      : QStringLiteral(" (%1)").arg(e.outcome));
            }
            return lines.join('\n');
        }
        default: return {};
    }
}

QString postmortemPrefill(PostmortemSectionKey key, const Incident& incident,
                          const QVector<TimelineEntry>& timeline, const QString& impactFigures)
{
    QString text = postmortemPrefill(key, incident, timeline);
    if (key == PostmortemSectionKey::Impact && !impactFigures.isEmpty())
        text += (text.isEmpty() || text.endsWith('\n') ? QString() : QStringLiteral("\n")) +
                impactFigures;
    return text;
}

QVector<PostmortemSection> postmortemSectionsForExport(const QVector<PostmortemSection>& saved,
                                                       const Incident& incident,
                                                       const QVector<TimelineEntry>& timeline,
                                                       const QString& impactFigures)
{
    QVector<PostmortemSection> out;
    for (const PostmortemSectionKey key : allPostmortemSections()) {
        PostmortemSection section;
        section.incidentId = incident.id;
        section.key = key;
        for (const PostmortemSection& s : saved)
            if (s.key == key)
                section = s;
        if (section.revision == 0 && section.text.trimmed().isEmpty()) {
            const QString prefill = postmortemPrefill(key, incident, timeline, impactFigures);
            if (!prefill.trimmed().isEmpty())
                section.text =
                    prefill.trimmed() + QStringLiteral(
                                            "\n\n(Prefilled by the console from the incident "
                                            "record; nobody has reviewed it yet.)");
        }
        out.append(section);
    }
    return out;
}

}  // namespace wf

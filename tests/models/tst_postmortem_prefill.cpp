// The postmortem's prefill from the incident: detection with MTTD and MTTA,
// response with MTTR, the curated timeline (declaration, console actions,
// alerts, status and severity changes, and whatever was pinned; not every
// deploy or note), and the question each section answers.
#include "postmortem_prefill.h"

#include <QtTest>

using namespace wf;

namespace {

constexpr qint64 k1400 = 1'795'615'200'000;  // 2026-11-25 14:00 UTC
constexpr qint64 kMin = 60'000;

Incident incident()
{
    Incident i;
    i.id = QStringLiteral("i");
    i.title = QStringLiteral("Payments failing in eu-west");
    i.severity = Severity::Sev1;
    i.status = IncidentStatus::Resolved;
    i.journeys = {QStringLiteral("payment-authorization")};
    i.regions = {QStringLiteral("eu-west")};
    i.milestones.startedMs = k1400;
    i.milestones.detectedMs = k1400 + 6 * kMin;
    i.milestones.acknowledgedMs = k1400 + 9 * kMin;
    i.milestones.mitigatedMs = k1400 + 40 * kMin;
    i.milestones.resolvedMs = k1400 + 65 * kMin;
    return i;
}

TimelineEntry entry(TimelineKind kind, qint64 at, const QString& text, bool pinned = false,
                    const QString& outcome = {})
{
    TimelineEntry e;
    e.id = newIncidentRecordId();
    e.kind = kind;
    e.atMs = at;
    e.text = text;
    e.pinned = pinned;
    e.outcome = outcome;
    return e;
}

}  // namespace

class TestPostmortemPrefill : public QObject {
    Q_OBJECT
private slots:
    void detectionAndResponseCarryTheMeasures()
    {
        const Incident i = incident();
        // MTTD: 14:00 -> 14:06 = 6 min; MTTA: 14:06 -> 14:09 = 3 min.
        QCOMPARE(postmortemPrefill(PostmortemSectionKey::Detection, i, {}),
                 QStringLiteral("Started: 14:00 UTC\n"
                                "Detected (MTTD): 14:06 UTC (6 min after it started)\n"
                                "Acknowledged (MTTA): 14:09 UTC (3 min after it was detected)"));
        // MTTR: 14:00 -> 15:05 = 65 min = 1 h 5 min.
        QCOMPARE(postmortemPrefill(PostmortemSectionKey::Response, i, {}),
                 QStringLiteral("Mitigated: 14:40 UTC (40 min after it started)\n"
                                "Resolved (MTTR): 15:05 UTC (1 h 5 min after it started)"));
        Incident open = i;
        open.milestones.acknowledgedMs.reset();
        open.milestones.mitigatedMs.reset();
        open.milestones.resolvedMs.reset();
        QVERIFY(postmortemPrefill(PostmortemSectionKey::Detection, open, {})
                    .endsWith(QStringLiteral("Acknowledged (MTTA): not recorded")));
        QCOMPARE(postmortemPrefill(PostmortemSectionKey::Response, open, {}),
                 QStringLiteral("Mitigated: not recorded\nResolved (MTTR): not recorded"));
    }

    void timelineIsCurated()
    {
        const QVector<TimelineEntry> t{
            entry(TimelineKind::Declaration, k1400 + 9 * kMin, "Declared SEV-1."),
            entry(TimelineKind::Deploy, k1400 + 10 * kMin, "checkout-api 4.13 to eu-west"),
            entry(TimelineKind::Note, k1400 + 12 * kMin, "acme page says operational"),
            entry(TimelineKind::Note, k1400 + 14 * kMin, "breaker open on acme", true),
            entry(TimelineKind::ConsoleAction, k1400 + 20 * kMin, "Failover to brightpay", false,
                  "confirmed"),
            entry(TimelineKind::StatusUpdate, k1400 + 25 * kMin,
                  "Current conditions: SEV-1, mitigating\nActions taken: failover"),
        };
        QVector<TimelineEntry> withSource = t;
        withSource.last().source = QStringLiteral("dana");
        // A status update by its first line and its author.
        QCOMPARE(postmortemPrefill(PostmortemSectionKey::Timeline, incident(), withSource),
                 QStringLiteral("- 14:09 UTC Declared SEV-1.\n"
                                "- 14:14 UTC breaker open on acme\n"
                                "- 14:20 UTC Failover to brightpay (confirmed)\n"
                                "- 14:25 UTC Status update by dana: Current conditions: SEV-1, "
                                "mitigating"));
    }

    void exportCarriesPrefillForSectionsNobodySaved()
    {
        const Incident i = incident();
        PostmortemSection rootCause;
        rootCause.incidentId = i.id;
        rootCause.key = PostmortemSectionKey::RootCause;
        rootCause.text = QStringLiteral("A 3DS timeout set to 2 s.");
        rootCause.revision = 3;
        PostmortemSection summary;  // saved on purpose as empty: kept empty
        summary.incidentId = i.id;
        summary.key = PostmortemSectionKey::Summary;
        summary.revision = 2;
        const QVector<PostmortemSection> out = postmortemSectionsForExport(
            {rootCause, summary}, i, {}, QStringLiteral("Failed checkouts: 12"));
        // Every section, in the order of the write-up.
        QCOMPARE(out.size(), allPostmortemSections().size());
        for (int k = 0; k < out.size(); ++k)
            QCOMPARE(out[k].key, allPostmortemSections()[k]);
        const auto text = [&](PostmortemSectionKey key) {
            return out[allPostmortemSections().indexOf(key)].text;
        };
        QCOMPARE(text(PostmortemSectionKey::RootCause), rootCause.text);
        QCOMPARE(text(PostmortemSectionKey::Summary), QString());
        // Impact: the prefill, the figures, and the mark.
        const QString impact = text(PostmortemSectionKey::Impact);
        QVERIFY2(impact.startsWith(QStringLiteral("Journeys: payment-authorization\n")),
                 qPrintable(impact));
        QVERIFY(impact.contains(QStringLiteral("(40 min).\nFailed checkouts: 12\n\n")));
        QVERIFY(impact.endsWith(QStringLiteral("nobody has reviewed it yet.)")));
        QVERIFY(text(PostmortemSectionKey::Detection).contains(QStringLiteral("(MTTD)")));
        // Sections for people to write stay empty (the export says so).
        QCOMPARE(text(PostmortemSectionKey::WentWell), QString());
    }

    void summaryAndPrompts()
    {
        const QString summary = postmortemPrefill(PostmortemSectionKey::Summary, incident(), {});
        QVERIFY2(summary.contains(QStringLiteral("Payments failing in eu-west")),
                 qPrintable(summary));
        QVERIFY(summary.contains(QStringLiteral("It lasted 1 h 5 min and is resolved.")));
        // People write these: no prefill, but a question.
        for (PostmortemSectionKey k :
             {PostmortemSectionKey::RootCause, PostmortemSectionKey::WentWell,
              PostmortemSectionKey::GotLucky}) {
            QVERIFY(postmortemPrefill(k, incident(), {}).isEmpty());
            QVERIFY(!postmortemPrompt(k).isEmpty());
        }
        QVERIFY(postmortemPrompt(PostmortemSectionKey::ContributingFactors)
                    .contains(QStringLiteral("monitoring gap")));
    }
};

QTEST_GUILESS_MAIN(TestPostmortemPrefill)
#include "tst_postmortem_prefill.moc"

// Status updates: prefilled from the incident and the actions on its
// timeline since the last update, rendered as text and Markdown with card
// numbers masked, and due one interval (SEV-1: 30 min) after the last one.
#include "status_update_draft.h"

#include <QtTest>

using namespace wf;

namespace {

// 2026-11-25 14:00:00 UTC
constexpr qint64 kT0 = 1'795'615'200'000;
constexpr qint64 kMin = 60'000;

Incident sev1()
{
    Incident i;
    i.id = QStringLiteral("inc-1");
    i.severity = Severity::Sev1;
    i.title = QStringLiteral("Payments failing in eu-west");
    i.journeys = {QStringLiteral("payment-authorization")};
    i.regions = {QStringLiteral("eu-west")};
    i.status = IncidentStatus::Identified;
    i.declaredMs = kT0 + 5 * kMin;
    i.milestones.startedMs = kT0;
    return i;
}

TimelineEntry entry(TimelineKind kind, qint64 at, const QString& text, const QString& outcome = {})
{
    TimelineEntry e;
    e.kind = kind;
    e.atMs = at;
    e.text = text;
    e.outcome = outcome;
    return e;
}

}  // namespace

class TestStatusUpdateDraft : public QObject {
    Q_OBJECT
private slots:
    void prefilledFromTheIncidentAndItsTimeline()
    {
        const QVector<TimelineEntry> timeline = {
            entry(TimelineKind::ConsoleAction, kT0 + 8 * kMin, QStringLiteral("Roll back api"),
                  QStringLiteral("confirmed")),
            entry(TimelineKind::StatusUpdate, kT0 + 10 * kMin, QStringLiteral("first update")),
            entry(TimelineKind::Note, kT0 + 11 * kMin, QStringLiteral("a note")),
            entry(TimelineKind::ConsoleAction, kT0 + 12 * kMin,
                  QStringLiteral("Switch payments.3ds-v2-flow off"), QStringLiteral("confirmed")),
        };
        const qint64 now = kT0 + 42 * kMin;
        const StatusUpdateDraft d = prefillStatusUpdate(sev1(), timeline, now);
        QCOMPARE(d.conditions,
                 QStringLiteral("SEV-1 Payments failing in eu-west. Status: Identified. Affected: "
                                "payment-authorization in eu-west. Started 14:00 UTC (42 min "
                                "ago)."));
        // Only what happened since the last update.
        QCOMPARE(d.actions,
                 QStringLiteral("14:12 UTC Switch payments.3ds-v2-flow off (confirmed)"));
        QCOMPARE(d.nextUpdateMs, now + 30 * kMin);
    }

    void renderedAsTextAndMarkdownWithoutCardNumbers()
    {
        StatusUpdateDraft d;
        d.conditions = QStringLiteral("Authorizations failing; card 4111 1111 1111 1111 seen");
        d.actions = QStringLiteral("14:12 UTC Kill switch off (confirmed)\n\n");
        d.nextUpdateMs = kT0 + 72 * kMin;
        const QString text = statusUpdatePlainText(sev1(), d, kT0 + 42 * kMin);
        QCOMPARE(text, QStringLiteral("SEV-1 — Payments failing in eu-west — update at 14:42 UTC\n"
                                      "\n"
                                      "Current conditions: Authorizations failing; card "
                                      "************1111 seen\n"
                                      "\n"
                                      "Actions taken:\n"
                                      "- 14:12 UTC Kill switch off (confirmed)\n"
                                      "\n"
                                      "Needs: none\n"
                                      "\n"
                                      "Next update by 15:12 UTC.\n"));
        QVERIFY(!text.contains(QStringLiteral("4111 1111")));
        QVERIFY(text.contains(QStringLiteral("1111 seen")));
        const QString md = statusUpdateMarkdown(sev1(), d, kT0 + 42 * kMin);
        QVERIFY(md.startsWith(
            QStringLiteral("**SEV-1 — Payments failing in eu-west** · update at 14:42 UTC")));
        QVERIFY(md.contains(QStringLiteral("**Actions taken:**\n- 14:12 UTC Kill switch off")));
        QVERIFY(md.contains(QStringLiteral("_Next update by 15:12 UTC._")));
        QVERIFY(!md.contains(QStringLiteral("4111 1111")));
    }

    void dueOneIntervalAfterTheLastUpdate()
    {
        Incident i = sev1();
        // No update yet: from the declaration.
        QCOMPARE(*statusUpdateDueMs(i, {}), i.declaredMs + 30 * kMin);
        const QVector<TimelineEntry> t = {
            entry(TimelineKind::StatusUpdate, kT0 + 20 * kMin, QStringLiteral("u1")),
            entry(TimelineKind::StatusUpdate, kT0 + 50 * kMin, QStringLiteral("u2"))};
        QCOMPARE(*statusUpdateDueMs(i, t), kT0 + 80 * kMin);
        i.severity = Severity::Sev2;  // hourly
        QCOMPARE(*statusUpdateDueMs(i, t), kT0 + 110 * kMin);
        i.status = IncidentStatus::Resolved;
        QVERIFY(!statusUpdateDueMs(i, t));
    }

    void aTeamsOwnCadence()
    {
        Incident i = sev1();
        StatusUpdateCadence cadence;
        QCOMPARE(cadence.intervalMs(Severity::Sev1), 30 * kMin);  // the default
        cadence.minutesFor(Severity::Sev1) = 15;
        // No update yet: 15 min after the declaration; the draft proposes the same.
        QCOMPARE(*statusUpdateDueMs(i, {}, cadence), i.declaredMs + 15 * kMin);
        QCOMPARE(prefillStatusUpdate(i, {}, kT0 + 50 * kMin, cadence).nextUpdateMs,
                 kT0 + 65 * kMin);
        // Other severities keep theirs; nonsense is kept within a minute and a week.
        QCOMPARE(cadence.intervalMs(Severity::Sev2), 60 * kMin);
        cadence.minutesFor(Severity::Sev3) = -4;
        QCOMPARE(cadence.intervalMs(Severity::Sev3), 1 * kMin);
        cadence.minutesFor(Severity::Sev4) = 1'000'000;
        QCOMPARE(cadence.intervalMs(Severity::Sev4), 7 * 24 * 60 * kMin);
    }

    void dueWhenTheLastUpdatePromised()
    {
        Incident i = sev1();
        // Posted at 14:50 (kT0 + 50 min) promising the next by 15:05: due
        // then, not at 15:20 (one SEV-1 interval on).
        StatusUpdateDraft d;
        d.conditions = QStringLiteral("Payments failing");
        d.nextUpdateMs = kT0 + 65 * kMin;
        const QString text = statusUpdatePlainText(i, d, kT0 + 50 * kMin);
        QVector<TimelineEntry> t = {entry(TimelineKind::StatusUpdate, kT0 + 50 * kMin, text)};
        QCOMPARE(*statusUpdateDueMs(i, t), kT0 + 65 * kMin);
        // A promise past midnight: 23:50 promising 00:20 is due the next day.
        constexpr qint64 k2350 = kT0 + (9 * 60 + 50) * kMin;  // kT0 is 14:00 UTC
        d.nextUpdateMs = k2350 + 30 * kMin;
        t = {entry(TimelineKind::StatusUpdate, k2350, statusUpdatePlainText(i, d, k2350))};
        QCOMPARE(*statusUpdateDueMs(i, t), k2350 + 30 * kMin);
        // A SEV-4's daily update: 24 h on has the same clock as the posting;
        // it is written with its date and due tomorrow, not now.
        Incident sev4 = i;
        sev4.severity = Severity::Sev4;
        const StatusUpdateDraft daily = prefillStatusUpdate(sev4, {}, kT0 + 50 * kMin);
        const QString dailyText = statusUpdatePlainText(sev4, daily, kT0 + 50 * kMin);
        QVERIFY2(dailyText.contains(QStringLiteral("Next update by 2026-11-26 14:50 UTC.")),
                 qPrintable(dailyText));
        t = {entry(TimelineKind::StatusUpdate, kT0 + 50 * kMin, dailyText)};
        QCOMPARE(*statusUpdateDueMs(sev4, t), kT0 + 50 * kMin + 24 * 60 * kMin);
        // Words in the conditions that look like a promise do not count: the
        // template's own line (the last) does.
        d.conditions = QStringLiteral("Vendor said: Next update by 23:00 UTC");
        d.nextUpdateMs = kT0 + 65 * kMin;
        t = {entry(TimelineKind::StatusUpdate, kT0 + 50 * kMin,
                   statusUpdatePlainText(i, d, kT0 + 50 * kMin))};
        QCOMPARE(*statusUpdateDueMs(i, t), kT0 + 65 * kMin);
        // An update that says no time (another tool's text): one interval on.
        t = {entry(TimelineKind::StatusUpdate, kT0 + 50 * kMin, QStringLiteral("all good"))};
        QCOMPARE(*statusUpdateDueMs(i, t), kT0 + 80 * kMin);
    }
};

QTEST_GUILESS_MAIN(TestStatusUpdateDraft)
#include "tst_status_update_draft.moc"

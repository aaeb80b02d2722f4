// Shared incidents end to end: two console stacks (each its own incident
// store file and IncidentSync, with its own token) against one real
// simulator. Entries written on either appear once on both, including those
// written while one was disconnected; an incident changed on both sides is
// merged; the same postmortem section edited on both sides is a visible
// conflict that overwrites nothing until someone chooses; a viewer's writes
// stay local, said in words.

#include "incident_calls.h"
#include "incident_store.h"
#include "incident_sync.h"
#include "sim_fixture.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;
using namespace wf::test;

namespace {

struct Console {
    Console(const QString& path, const EndpointConfig& config) : path(path), config(config)
    {
        QString error;
        if (!store.open(path, &error))
            qFatal("%s", qPrintable(error));
        sync.setPassIntervalMs(200);
        sync.open(path);
        sync.start(config);
    }
    ~Console() { sync.stop(); }

    // Writes the way the console does (the store), then tells the sync.
    TimelineEntry note(const QString& incidentId, const QString& text)
    {
        TimelineEntry e;
        e.id = newIncidentRecordId();
        e.incidentId = incidentId;
        e.kind = TimelineKind::Note;
        e.source = config.token.left(0) + QStringLiteral("test");
        e.atMs = QDateTime::currentMSecsSinceEpoch();
        e.text = text;
        const WriteResult r = store.addTimelineEntry(e);
        if (!r.ok())
            qFatal("%s", qPrintable(r.message));
        sync.nudge(incidentId);
        return e;
    }
    QStringList entryIds(const QString& incidentId) const
    {
        QStringList out;
        for (const TimelineEntry& e : store.timeline(incidentId))
            out.append(e.id);
        return out;
    }
    QString section(const QString& incidentId, PostmortemSectionKey key) const
    {
        for (const PostmortemSection& s : store.postmortem(incidentId))
            if (s.key == key)
                return s.text;
        return {};
    }
    qint64 localRevision(const QString& incidentId, PostmortemSectionKey key) const
    {
        for (const PostmortemSection& s : store.postmortem(incidentId))
            if (s.key == key)
                return s.revision;
        return 0;
    }

    QString path;
    EndpointConfig config;
    IncidentStore store;  // the console's own writer, like IncidentLog's
    IncidentSync sync;
};

Incident newIncident()
{
    Incident i;
    i.id = newIncidentRecordId();
    i.severity = Severity::Sev2;
    i.title = QStringLiteral("Payments failing in eu-west");
    i.journeys = {QStringLiteral("payment-authorization")};
    i.regions = {QStringLiteral("eu-west")};
    i.roles.commander = QStringLiteral("dana");
    i.milestones.startedMs = QDateTime::currentMSecsSinceEpoch() - 10 * 60 * 1000;
    i.milestones.detectedMs = QDateTime::currentMSecsSinceEpoch() - 8 * 60 * 1000;
    return i;
}

int occurrences(const QStringList& ids, const QString& id)
{
    return int(ids.count(id));
}

}  // namespace

class TestIncidentSync : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

    EndpointConfig configFor(const SimFixture& sim, const QString& role)
    {
        EndpointConfig c;
        c.target = sim.endpoint();
        c.token = sim.token(role);
        c.callDeadlineMs = 3000;
        return c;
    }

private slots:
    void twoConsolesShareOneIncident()
    {
        SimFixture sim(simOptions(QStringLiteral("demo"), 1, 5));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        Console a(dir_.filePath("a.sqlite"), configFor(sim, "incident-commander"));
        Console b(dir_.filePath("b.sqlite"), configFor(sim, "operator"));
        QSignalSpy conflicts(&b.sync, &IncidentSync::sectionConflict);

        // Declared on A: B has it, with its declaration entry.
        const Incident declared = newIncident();
        QVERIFY(a.store.createIncident(declared, "dana").ok());
        a.sync.nudge(declared.id);
        const QString id = declared.id;
        QTRY_VERIFY_WITH_TIMEOUT(b.store.incident(id).has_value(), 15000);
        QCOMPARE(b.store.incident(id)->title, declared.title);
        QCOMPARE(b.store.incident(id)->sync, SyncState::Synced);
        QTRY_COMPARE_WITH_TIMEOUT(b.entryIds(id).size(), 1, 10000);
        QCOMPARE(b.entryIds(id), a.entryIds(id));  // the same declaration, not a second one

        // Entries from both appear once on both.
        const TimelineEntry a1 = a.note(id, "A: error rate 40% on acme in eu-west");
        const TimelineEntry b1 = b.note(id, "B: acme status page says operational");
        const TimelineEntry a2 = a.note(id, "A: failing over to payments-brightpay");
        for (const Console* c : {&a, &b})
            QTRY_COMPARE_WITH_TIMEOUT(c->entryIds(id).size(), 4, 15000);
        for (const Console* c : {&a, &b})
            for (const TimelineEntry& e : {a1, b1, a2})
                QCOMPARE(occurrences(c->entryIds(id), e.id), 1);

        // B disconnects; both keep writing.
        b.sync.stop();
        const TimelineEntry a3 = a.note(id, "A: failover confirmed");
        const TimelineEntry b2 = b.note(id, "B (offline): refunds queue looks normal");
        const TimelineEntry b3 = b.note(id, "B (offline): pinning the breaker graph");
        QVERIFY(b.store.setPinned(b3.id, true).ok());
        QTRY_COMPARE_WITH_TIMEOUT(a.store.unsentCount(), 0, 10000);
        QCOMPARE(b.store.unsentCount(), 2);  // B's queue, in its file
        QTest::qWait(600);
        QCOMPARE(a.entryIds(id).size(), 5);  // nothing of B's offline entries yet

        // B reconnects: its queue goes up, A's entry comes down, each once.
        b.sync.start(b.config);
        for (const Console* c : {&a, &b})
            QTRY_COMPARE_WITH_TIMEOUT(c->entryIds(id).size(), 7, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(b.store.unsentCount(), 0, 10000);
        for (const Console* c : {&a, &b})
            for (const TimelineEntry& e : {a1, b1, a2, a3, b2, b3})
                QCOMPARE(occurrences(c->entryIds(id), e.id), 1);
        QTRY_VERIFY_WITH_TIMEOUT(a.store.timeline(id, {{}, true}).size() == 1, 10000);
        QCOMPARE(a.store.timeline(id, {{}, true}).first().id, b3.id);  // B's pin too

        // Sending B's entries again (a lost answer, a restart) stores nothing twice.
        QVERIFY(b.store.setSyncState(b2.id, SyncState::LocalOnly).ok());
        b.sync.nudge(id);
        QTRY_COMPARE_WITH_TIMEOUT(b.store.unsentCount(), 0, 10000);
        IncidentCalls platform(configFor(sim, "viewer"));
        IncidentSnapshot snap;
        QVERIFY(platform.get(id, &snap).ok());
        QStringList onPlatform;
        for (const TimelineEntry& e : snap.timeline)
            onPlatform.append(e.id);
        QCOMPARE(onPlatform.size(), 7);
        for (const TimelineEntry& e : {a1, b1, a2, a3, b2, b3})
            QCOMPARE(occurrences(onPlatform, e.id), 1);

        // Both change the incident while B is away: both changes are kept.
        b.sync.stop();
        {
            Incident onA = *a.store.incident(id);
            onA.severity = Severity::Sev1;
            QVERIFY(a.store.updateIncident(onA, "dana").ok());
            a.sync.nudge(id);
            Incident onB = *b.store.incident(id);
            onB.roles.scribe = QStringLiteral("lee");
            QVERIFY(b.store.updateIncident(onB, "sam").ok());
        }
        QTRY_COMPARE_WITH_TIMEOUT(a.store.unsentCount(), 0, 10000);
        b.sync.start(b.config);
        for (const Console* c : {&a, &b}) {
            QTRY_COMPARE_WITH_TIMEOUT(c->store.incident(id)->severity, Severity::Sev1, 20000);
            QTRY_COMPARE_WITH_TIMEOUT(c->store.incident(id)->roles.scribe, QStringLiteral("lee"),
                                      20000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(b.store.unsentCount(), 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(a.entryIds(id).size(), b.entryIds(id).size(), 10000);

        // The same postmortem section edited on both: a visible conflict.
        const auto summary = PostmortemSectionKey::Summary;
        QVERIFY(
            a.store.savePostmortemSection(id, summary, "A first draft.", 0, "dana").result.ok());
        a.sync.nudge(id);
        QTRY_COMPARE_WITH_TIMEOUT(b.section(id, summary), QStringLiteral("A first draft."), 15000);
        b.sync.stop();
        QVERIFY(a.store
                    .savePostmortemSection(id, summary, "A: bad config pushed to acme.",
                                           a.localRevision(id, summary), "dana")
                    .result.ok());
        a.sync.nudge(id);
        QVERIFY(b.store
                    .savePostmortemSection(id, summary, "B: acme certificate expired.",
                                           b.localRevision(id, summary), "sam")
                    .result.ok());
        QTRY_COMPARE_WITH_TIMEOUT(a.store.unsentCount(), 0, 10000);
        b.sync.start(b.config);
        QTRY_COMPARE_WITH_TIMEOUT(conflicts.size(), 1, 20000);
        const auto theirs = conflicts.first().at(0).value<PostmortemSection>();
        QCOMPARE(theirs.text, QStringLiteral("A: bad config pushed to acme."));
        QCOMPARE(conflicts.first().at(1).toString(),
                 QStringLiteral("B: acme certificate expired."));
        QVERIFY(!theirs.updatedBy.isEmpty());
        QCOMPARE(theirs.incidentId, id);
        QCOMPARE(b.store.conflictCount(), 1);
        // Nothing was overwritten on either side while it waits.
        QTest::qWait(800);
        QCOMPARE(b.section(id, summary), QStringLiteral("B: acme certificate expired."));
        QCOMPARE(a.section(id, summary), QStringLiteral("A: bad config pushed to acme."));
        QVERIFY(platform.get(id, &snap).ok());
        QCOMPARE(snap.sections.first().text, QStringLiteral("A: bad config pushed to acme."));

        // B keeps theirs own: it replaces A's, on the platform and on A.
        b.sync.resolveSectionConflict(id, summary, true);
        QTRY_COMPARE_WITH_TIMEOUT(a.section(id, summary),
                                  QStringLiteral("B: acme certificate expired."), 15000);
        QCOMPARE(b.store.conflictCount(), 0);
        QCOMPARE(conflicts.size(), 1);

        // Action items travel too.
        ActionItem item;
        item.id = newIncidentRecordId();
        item.incidentId = id;
        item.title = QStringLiteral("Alert on provider error rate, not status page");
        item.owner = QStringLiteral("lee");
        item.type = ActionItemType::Detect;
        QVERIFY(b.store.addActionItem(item).ok());
        b.sync.nudge(id);
        QTRY_COMPARE_WITH_TIMEOUT(a.store.actionItems(id).size(), 1, 15000);
        QCOMPARE(a.store.actionItems(id).first().title, item.title);
        QCOMPARE(a.store.actionItems(id).first().type, ActionItemType::Detect);

        QString error;
        QVERIFY2(a.store.checkIntegrity(&error), qPrintable(error));
        QVERIFY2(b.store.checkIntegrity(&error), qPrintable(error));
    }

    void aViewersWritesStayLocal()
    {
        SimFixture sim(simOptions(QStringLiteral("demo"), 1, 6));
        QVERIFY2(sim.start(), qPrintable(sim.error()));
        Console viewer(dir_.filePath("viewer.sqlite"), configFor(sim, "viewer"));
        QSignalSpy notices(&viewer.sync, &IncidentSync::notice);
        QSignalSpy states(&viewer.sync, &IncidentSync::statusChanged);
        const Incident i = newIncident();
        QVERIFY(viewer.store.createIncident(i, "vic").ok());
        viewer.sync.nudge(i.id);
        QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), 15000);
        QVERIFY2(notices.first().at(0).toString().contains("stays on this console only"),
                 qPrintable(notices.first().at(0).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(states.last().at(0).value<IncidentSyncStatus>().state ==
                                     IncidentSyncStatus::State::ReadOnly,
                                 5000);
        QCOMPARE(viewer.store.incident(i.id)->sync, SyncState::LocalOnly);  // kept, to send later
        IncidentCalls platform(configFor(sim, "viewer"));
        QVector<Incident> listed;
        QVERIFY(platform.list(&listed).ok());
        QVERIFY(listed.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIncidentSync)
#include "tst_incident_sync.moc"

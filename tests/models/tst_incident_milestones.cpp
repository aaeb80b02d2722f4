// validateMilestones: each ordering rule, the Resolved-needs-Mitigated rule
// and the future rule, with hand-made times and the exact words.
#include "incident_milestones.h"

#include <QDateTime>
#include <QTimeZone>
#include <QtTest>

using namespace wf;

namespace {

// "14:05", "14:05:10", "14:05:10.200" on 2024-03-05, or a full
// "2024-03-04 23:55"; all UTC. Empty: unset.
std::optional<qint64> at(const QString& text)
{
    if (text.isEmpty())
        return std::nullopt;
    QString full = text.contains('-') ? text : QStringLiteral("2024-03-05 ") + text;
    for (const char* format :
         {"yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.zzz"}) {
        QDateTime dt = QDateTime::fromString(full, QLatin1String(format));
        if (dt.isValid()) {
            dt.setTimeZone(QTimeZone::utc());
            return dt.toMSecsSinceEpoch();
        }
    }
    qFatal("bad test time %s", qPrintable(text));
}

const qint64 kNow = *at(QStringLiteral("15:00"));

}  // namespace

class TestIncidentMilestones : public QObject {
    Q_OBJECT
private slots:
    void rules_data()
    {
        QTest::addColumn<QString>("started");
        QTest::addColumn<QString>("detected");
        QTest::addColumn<QString>("acknowledged");
        QTest::addColumn<QString>("mitigated");
        QTest::addColumn<QString>("resolved");
        QTest::addColumn<QString>("problem");

        QTest::newRow("none set") << ""
                                  << ""
                                  << ""
                                  << ""
                                  << ""
                                  << "";
        QTest::newRow("all in order") << "14:00"
                                      << "14:05"
                                      << "14:07"
                                      << "14:30"
                                      << "14:45"
                                      << "";
        QTest::newRow("all at once") << "14:00"
                                     << "14:00"
                                     << "14:00"
                                     << "14:00"
                                     << "14:00"
                                     << "";
        QTest::newRow("only started") << "14:00"
                                      << ""
                                      << ""
                                      << ""
                                      << ""
                                      << "";
        QTest::newRow("resolved at mitigation") << "14:00"
                                                << "14:05"
                                                << "14:07"
                                                << "14:30"
                                                << "14:30"
                                                << "";
        QTest::newRow("mitigated before detected (automation)") << "14:00"
                                                                << "14:20"
                                                                << "14:25"
                                                                << "14:10"
                                                                << "14:30"
                                                                << "";
        QTest::newRow("mitigated before acknowledged") << "14:00"
                                                       << "14:05"
                                                       << "14:40"
                                                       << "14:10"
                                                       << "14:45"
                                                       << "";

        QTest::newRow("detected before started")
            << "14:10"
            << "14:05"
            << ""
            << ""
            << ""
            << "Detected (14:05) is before Started (14:10): an incident cannot be detected "
               "before it starts.";
        QTest::newRow("acknowledged before detected")
            << "14:00"
            << "14:08"
            << "14:07"
            << ""
            << ""
            << "Acknowledged (14:07) is before Detected (14:08): an incident cannot be "
               "acknowledged before it is detected.";
        QTest::newRow("acknowledged before started, detected unset")
            << "14:10"
            << ""
            << "14:05"
            << ""
            << ""
            << "Acknowledged (14:05) is before Started (14:10): an incident cannot be "
               "acknowledged before it starts.";
        QTest::newRow("mitigated before started")
            << "14:10"
            << ""
            << ""
            << "14:00"
            << ""
            << "Mitigated (14:00) is before Started (14:10): an incident cannot be mitigated "
               "before it starts.";
        QTest::newRow("resolved before mitigated")
            << "14:00"
            << "14:05"
            << "14:07"
            << "14:40"
            << "14:30"
            << "Resolved (14:30) is before Mitigated (14:40): an incident cannot be resolved "
               "before its impact is mitigated.";
        QTest::newRow("resolved before acknowledged")
            << "14:00"
            << "14:05"
            << "14:35"
            << "14:20"
            << "14:30"
            << "Resolved (14:30) is before Acknowledged (14:35): an incident cannot be "
               "resolved before it is acknowledged.";
        QTest::newRow("resolved before detected, acknowledged unset")
            << "14:00"
            << "14:40"
            << ""
            << "14:20"
            << "14:30"
            << "Resolved (14:30) is before Detected (14:40): an incident cannot be resolved "
               "before it is detected.";
        QTest::newRow("resolved needs mitigated")
            << "14:00"
            << "14:05"
            << "14:07"
            << ""
            << "14:30"
            << "Resolved is set but Mitigated is not: an incident is resolved only after its "
               "impact is mitigated (set both to the same time if the impact ended with the "
               "resolution).";

        QTest::newRow("within the tolerance for clock skew") << "14:00"
                                                             << "14:05"
                                                             << "14:07"
                                                             << "14:30"
                                                             << "15:00:59"
                                                             << "";
        QTest::newRow("in the future")
            << "14:00"
            << "14:05"
            << "14:07"
            << "14:30"
            << "15:02"
            << "Resolved (15:02) is in the future (now 15:00): a milestone cannot be later "
               "than now.";
        QTest::newRow("future reported before order")
            << "16:10"
            << "14:05"
            << ""
            << ""
            << ""
            << "Started (16:10) is in the future (now 15:00): a milestone cannot be later "
               "than now.";
        QTest::newRow("future tomorrow")
            << "2024-03-06 09:00"
            << ""
            << ""
            << ""
            << ""
            << "Started (2024-03-06 09:00) is in the future (now 2024-03-05 15:00): a "
               "milestone cannot be later than now.";

        QTest::newRow("seconds shown when needed")
            << "14:05:30"
            << "14:05:10"
            << ""
            << ""
            << ""
            << "Detected (14:05:10) is before Started (14:05:30): an incident cannot be "
               "detected before it starts.";
        QTest::newRow("milliseconds shown when needed")
            << "14:05:10.500"
            << "14:05:10.200"
            << ""
            << ""
            << ""
            << "Detected (14:05:10.200) is before Started (14:05:10.500): an incident cannot "
               "be detected before it starts.";
        QTest::newRow("date shown across midnight")
            << "2024-03-05 00:10"
            << "2024-03-04 23:55"
            << ""
            << ""
            << ""
            << "Detected (2024-03-04 23:55) is before Started (2024-03-05 00:10): an incident "
               "cannot be detected before it starts.";
    }

    void rules()
    {
        QFETCH(QString, started);
        QFETCH(QString, detected);
        QFETCH(QString, acknowledged);
        QFETCH(QString, mitigated);
        QFETCH(QString, resolved);
        QFETCH(QString, problem);
        Milestones m;
        m.startedMs = at(started);
        m.detectedMs = at(detected);
        m.acknowledgedMs = at(acknowledged);
        m.mitigatedMs = at(mitigated);
        m.resolvedMs = at(resolved);
        QCOMPARE(validateMilestones(m, kNow), problem);
    }

    void accessorsMatchTheFields()
    {
        Milestones m;
        const Milestone all[] = {Milestone::Started, Milestone::Detected, Milestone::Acknowledged,
                                 Milestone::Mitigated, Milestone::Resolved};
        for (int i = 0; i < 5; ++i)
            m.set(all[i], 1000 + i);
        QCOMPARE(m.startedMs, std::optional<qint64>(1000));
        QCOMPARE(m.detectedMs, std::optional<qint64>(1001));
        QCOMPARE(m.acknowledgedMs, std::optional<qint64>(1002));
        QCOMPARE(m.mitigatedMs, std::optional<qint64>(1003));
        QCOMPARE(m.resolvedMs, std::optional<qint64>(1004));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m.at(all[i]), std::optional<qint64>(1000 + i));
        m.set(Milestone::Resolved, std::nullopt);
        QVERIFY(!m.resolvedMs);
    }
};

QTEST_GUILESS_MAIN(TestIncidentMilestones)
#include "tst_incident_milestones.moc"

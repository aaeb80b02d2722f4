// A postmortem draft survives the console being killed: a child process
// runs the console's main window (offscreen, with no platform: incidents
// are kept locally), declares an incident and types into its postmortem
// while the test kills it with SIGKILL; on reopening, every character typed
// more than 2 seconds before the kill is in the store, and the file's
// integrity check is ok.
#include "incident_controller.h"
#include "incident_list_model.h"
#include "incident_log.h"
#include "incident_store.h"
#include "incidents_view.h"
#include "main_window.h"
#include "postmortem_editor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

using namespace wf;

namespace {

const QString kIncident = QStringLiteral("7b0c1c8e-2f0a-4d7e-9f43-2a8f0f3f7d11");

QChar typedAt(int n)
{
    return QChar(u'a' + n % 26);
}

// The child: the console's window, typing one character every 40 ms into the
// postmortem of the incident it declared, saying so.
int runChild(int argc, char** argv, const QString& dir)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);  // no user settings
    MainWindow window;
    window.openAuditLog(dir + QStringLiteral("/audit.sqlite"));
    window.openIncidents(dir + QStringLiteral("/incidents.sqlite"));
    window.resize(1280, 800);
    window.show();
    IncidentController* incidents = window.incidents();
    Incident incident;
    incident.title = QStringLiteral("Checkout errors");
    incident.severity = Severity::Sev2;
    const QString id = incidents->declare(incident);
    std::printf("INCIDENT %s\n", qPrintable(id));
    std::fflush(stdout);
    window.showTab(QStringLiteral("incidents"));
    if (!QTest::qWaitFor([&] { return incidents->incidents()->incident(id) != nullptr; }, 5000))
        return 3;
    incidents->view()->selectIncident(id);
    PostmortemEditor* editor = incidents->postmortem();
    if (!QTest::qWaitFor(
            [&] { return editor->incidentId() == id && editor->steps()->count() == 11; }, 5000))
        return 4;
    incidents->view()->panes()->setCurrentWidget(editor);
    editor->showSection(PostmortemSectionKey::WentWell);
    int n = 0;
    QTimer typing;
    QObject::connect(&typing, &QTimer::timeout, [&] {
        QTest::keyClick(editor->editor(), typedAt(n).toLatin1());
        ++n;
        std::printf("TYPED %d\n", n);
        std::fflush(stdout);
    });
    typing.start(40);
    return app.exec();
}

}  // namespace

class TestPostmortemCrash : public QObject {
    Q_OBJECT
private slots:
    void aDraftSurvivesSigkill()
    {
        QTemporaryDir dir;
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("--child"), dir.path()});
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer clock;
        QVector<qint64> seenAt;  // when the parent learnt that character n+1 was typed
        QString incidentId;
        QByteArray buffer;
        connect(&child, &QProcess::readyReadStandardOutput, this, [&] {
            buffer += child.readAllStandardOutput();
            int nl;
            while ((nl = buffer.indexOf('\n')) >= 0) {
                const QByteArray line = buffer.left(nl);
                buffer.remove(0, nl + 1);
                if (line.startsWith("TYPED "))
                    seenAt.append(clock.elapsed());
                else if (line.startsWith("INCIDENT "))
                    incidentId = QString::fromLatin1(line.mid(9)).trimmed();
            }
        });
        clock.start();
        child.start();
        QVERIFY(child.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(!seenAt.isEmpty(), 15000);
        // Type for about four seconds, then kill it mid-word.
        QTest::qWait(4000);
        const qint64 killedAt = clock.elapsed();
        child.kill();  // SIGKILL
        QVERIFY(child.waitForFinished(5000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        int mustHave = 0;
        for (int i = 0; i < seenAt.size(); ++i)
            if (seenAt[i] <= killedAt - 2000)
                mustHave = i + 1;
        QVERIFY2(mustHave > 20, qPrintable(QString::number(mustHave)));

        IncidentStore store;
        QString error;
        QVERIFY2(store.open(dir.filePath(QStringLiteral("incidents.sqlite")), &error),
                 qPrintable(error));
        QString saved;
        QVERIFY(!incidentId.isEmpty());
        for (const PostmortemSection& s : store.postmortem(incidentId))
            if (s.key == PostmortemSectionKey::WentWell)
                saved = s.text;
        QVERIFY2(saved.size() >= mustHave,
                 qPrintable(QStringLiteral("saved %1 of the %2 characters typed 2 s before the "
                                           "kill (%3 typed in all)")
                                .arg(saved.size())
                                .arg(mustHave)
                                .arg(seenAt.size())));
        for (int i = 0; i < saved.size(); ++i)
            QCOMPARE(saved[i], typedAt(i));
        QVERIFY2(store.checkIntegrity(&error), qPrintable(error));
    }

    // Two people on the same section: the second sees the first's text and
    // chooses; nothing is overwritten silently. Empty sections are prefilled.
    void twoEditorsSeeTheConflict()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("incidents.sqlite"));
        IncidentLog logA, logB;
        logA.open(path);
        logA.flush();
        logB.open(path);
        Incident incident;
        incident.id = kIncident;
        incident.title = QStringLiteral("Checkout errors in us-east");
        incident.severity = Severity::Sev2;
        incident.journeys = {QStringLiteral("checkout-availability")};
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        incident.declaredMs = now;
        incident.milestones.startedMs = now - 600'000;
        logA.declare(incident, QStringLiteral("test"));
        logA.flush();
        PostmortemEditor a(&logA), b(&logB);
        a.open(incident, {}, QStringLiteral("ana"));
        b.open(incident, {}, QStringLiteral("ben"));
        QTRY_COMPARE_WITH_TIMEOUT(a.steps()->count(), 11, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(b.steps()->count(), 11, 5000);
        // The summary is prefilled; root cause is for people to write.
        QVERIFY(a.editor()->toPlainText().contains(QStringLiteral("Checkout errors in us-east")));
        QVERIFY(a.steps()->item(0)->text().contains(QStringLiteral("prefilled")));
        a.showSection(PostmortemSectionKey::RootCause);
        b.showSection(PostmortemSectionKey::RootCause);
        QVERIFY(a.editor()->toPlainText().isEmpty());
        QVERIFY(a.emptySections() > 0);

        a.setAutosaveDelayMs(10);
        b.setAutosaveDelayMs(10);
        a.editor()->setPlainText(QStringLiteral("A config push disabled the retry budget."));
        // Ana's save is in the file before Ben types ("Saved" alone could be
        // the summary's, saved when she moved on).
        a.saveNow();
        logA.flush();
        QTRY_VERIFY_WITH_TIMEOUT(a.saveState()->text().startsWith(QStringLiteral("Saved")), 5000);
        b.editor()->setPlainText(QStringLiteral("The payment provider timed out."));
        QTRY_VERIFY2_WITH_TIMEOUT(!b.conflict()->isHidden(), qPrintable(b.saveState()->text()),
                                  5000);
        QVERIFY(b.conflict()->text().contains(QStringLiteral("ana saved this section")));
        QVERIFY(b.conflict()->text().contains(QStringLiteral("retry budget")));
        // Ben takes Ana's text: nothing of hers was lost.
        QTest::mouseClick(b.findChild<QPushButton*>(QStringLiteral("takeTheirs")), Qt::LeftButton);
        QCOMPARE(b.editor()->toPlainText(),
                 QStringLiteral("A config push disabled the retry budget."));
        logA.flush();
        logB.flush();
        IncidentStore store;
        QString error;
        QVERIFY(store.open(path, &error));
        for (const PostmortemSection& s : store.postmortem(kIncident))
            if (s.key == PostmortemSectionKey::RootCause)
                QCOMPARE(s.text, QStringLiteral("A config push disabled the retry budget."));
    }
};

int main(int argc, char** argv)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (qstrcmp(argv[i], "--child") == 0)
            return runChild(argc, argv, QString::fromLocal8Bit(argv[i + 1]));
    QApplication app(argc, argv);
    TestPostmortemCrash test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_postmortem_crash.moc"

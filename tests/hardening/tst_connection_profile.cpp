// Connection profiles (imported settings): strict reading with refusals in
// words, a round trip with every field, never a token; and the connection
// dialog's TLS fields, import and export.

#include "connection_dialog.h"
#include "connection_profile.h"
#include "dark_theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;

namespace {

EndpointConfig base()
{
    EndpointConfig c;
    c.target = QStringLiteral("127.0.0.1:50051");
    c.token = QStringLiteral("in-memory-token-0123456789");
    return c;
}

}  // namespace

class TestConnectionProfile : public QObject {
    Q_OBJECT
private slots:
    void fullProfileRoundTrips()
    {
        EndpointConfig c = base();
        c.target = QStringLiteral("platform.example:443");
        c.tls = true;
        c.caCertificatePath = QStringLiteral("/etc/watchfloor/ca.pem");
        c.clientCertificatePath = QStringLiteral("/etc/watchfloor/console.pem");
        c.clientKeyPath = QStringLiteral("/etc/watchfloor/console.key");
        c.callDeadlineMs = 3000;
        c.historyDeadlineMs = 20000;
        c.streamIdleTimeoutMs = 8000;
        c.maxReceiveMessageBytes = 16 * 1024 * 1024;
        const QByteArray json = writeConnectionProfile(c);
        QVERIFY(!json.contains("in-memory-token"));
        QVERIFY(!json.contains("token"));
        EndpointConfig other = base();
        other.token = QStringLiteral("another-token-in-memory");
        QString error;
        const auto back = readConnectionProfile(json, other, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->target, c.target);
        QCOMPARE(back->tls, true);
        QCOMPARE(back->caCertificatePath, c.caCertificatePath);
        QCOMPARE(back->clientCertificatePath, c.clientCertificatePath);
        QCOMPARE(back->clientKeyPath, c.clientKeyPath);
        QCOMPARE(back->callDeadlineMs, 3000);
        QCOMPARE(back->historyDeadlineMs, 20000);
        QCOMPARE(back->streamIdleTimeoutMs, 8000);
        QCOMPARE(back->maxReceiveMessageBytes, 16 * 1024 * 1024);
        QCOMPARE(back->token, other.token);  // the token in memory stays as it was
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("words");
        QTest::newRow("broken json")
            << QByteArray("{\"watchfloor_profile\":1,") << "JSON is broken";
        QTest::newRow("array") << QByteArray("[1]") << "not a JSON object";
        QTest::newRow("not ours") << QByteArray("{\"endpoint\":\"a:1\"}") << "watchfloor_profile";
        QTest::newRow("token") << QByteArray(R"({"watchfloor_profile":1,"token":"abc"})")
                               << "never carry secrets";
        QTest::newRow("unknown key") << QByteArray(R"({"watchfloor_profile":1,"colour":"red"})")
                                     << "Unknown setting \"colour\"";
        QTest::newRow("bad endpoint")
            << QByteArray(R"({"watchfloor_profile":1,"endpoint":"no port"})") << "host:port";
        QTest::newRow("port out of range")
            << QByteArray(R"({"watchfloor_profile":1,"endpoint":"h:70000"})") << "host:port";
        QTest::newRow("tls not a bool") << QByteArray(R"({"watchfloor_profile":1,"tls":"yes"})")
                                        << "\"tls\" must be true or false";
        QTest::newRow("deadline too small")
            << QByteArray(R"({"watchfloor_profile":1,"call_deadline_ms":5})")
            << "\"call_deadline_ms\" must be a whole number from 200 to 120000";
        QTest::newRow("deadline fraction")
            << QByteArray(R"({"watchfloor_profile":1,"call_deadline_ms":1000.5})")
            << "whole number";
        QTest::newRow("message size huge")
            << QByteArray(R"({"watchfloor_profile":1,"max_receive_message_mb":1e300})")
            << "max_receive_message_mb";
        QTest::newRow("key without certificate")
            << QByteArray(R"({"watchfloor_profile":1,"tls":true,"client_key":"k.pem"})") << "both";
        QTest::newRow("client certificate without tls")
            << QByteArray(R"({"watchfloor_profile":1,"client_certificate":"c","client_key":"k"})")
            << "needs TLS";
        QTest::newRow("oversized") << QByteArray(kMaxProfileBytes + 1, ' ') << "at most 64 KiB";
    }

    void refusals()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, words);
        QString error;
        QVERIFY(!readConnectionProfile(json, base(), &error));
        QVERIFY2(error.contains(words), qPrintable(error));
    }

    void partialProfileKeepsTheRest()
    {
        QString error;
        const auto c =
            readConnectionProfile(R"({"watchfloor_profile":1,"tls":true})", base(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->target, base().target);
        QCOMPARE(c->tls, true);
        QCOMPARE(c->callDeadlineMs, base().callDeadlineMs);
    }

    void dialogImportsAndExports()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("team.json"));
        {
            QFile f(in);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"watchfloor_profile":1,"endpoint":"platform.example:443","tls":true,
                        "ca_certificate":"/ca.pem","client_certificate":"/c.pem",
                        "client_key":"/k.pem","call_deadline_ms":2500})");
        }
        ConnectionDialog dialog(base());
        auto* endpoint = dialog.findChild<QLineEdit*>(QStringLiteral("endpoint"));
        auto* tls = dialog.findChild<QCheckBox*>(QStringLiteral("tls"));
        auto* cert = dialog.findChild<QLineEdit*>(QStringLiteral("clientCertificate"));
        QVERIFY(endpoint && tls && cert);
        QVERIFY(!cert->isEnabled());  // TLS off: its files are greyed out
        QVERIFY2(dialog.importProfile(in), qPrintable(dialog.message()));
        QCOMPARE(endpoint->text(), QStringLiteral("platform.example:443"));
        QVERIFY(tls->isChecked());
        QVERIFY(cert->isEnabled());
        const EndpointConfig c = dialog.config();
        QCOMPARE(c.clientCertificatePath, QStringLiteral("/c.pem"));
        QCOMPARE(c.clientKeyPath, QStringLiteral("/k.pem"));
        QCOMPARE(c.callDeadlineMs, 2500);
        QCOMPARE(c.token, base().token);  // the token typed stays; the profile has none
        // scripts/screenshots: the dialog as a user sees it, in the console's theme.
        const QString shots = qEnvironmentVariable("WATCHFLOOR_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            applyDarkTheme(*qApp);
            dialog.resize(dialog.sizeHint().expandedTo(QSize(640, 0)));
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(dialog.grab().save(shots + QStringLiteral("/connection-dialog.png")));
            dialog.hide();
        }

        // A bad profile changes nothing and says why.
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"watchfloor_profile":1,"endpoint":"elsewhere:1","token":"x"})");
        }
        QVERIFY(!dialog.importProfile(bad));
        QVERIFY(dialog.message().contains(QStringLiteral("Nothing imported")));
        QCOMPARE(endpoint->text(), QStringLiteral("platform.example:443"));
        QVERIFY(!dialog.importProfile(dir.filePath(QStringLiteral("missing.json"))));
        QVERIFY(dialog.message().contains(QStringLiteral("Could not read")));

        const QString out = dir.filePath(QStringLiteral("out.json"));
        QVERIFY(dialog.exportProfile(out));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray written = f.readAll();
        QVERIFY(!written.contains(base().token.toUtf8()));
        QString error;
        const auto back = readConnectionProfile(written, EndpointConfig(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->target, QStringLiteral("platform.example:443"));
        QCOMPARE(back->clientKeyPath, QStringLiteral("/k.pem"));
        QCOMPARE(back->callDeadlineMs, 2500);
    }
};

QTEST_MAIN(TestConnectionProfile)
#include "tst_connection_profile.moc"

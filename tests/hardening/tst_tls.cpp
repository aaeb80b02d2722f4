// TLS and mutual TLS between the console and the platform, with
// certificates made by openssl at test time: the console connects over TLS
// and shows who the platform proved to be; it refuses, in words, a
// certificate from a CA it does not trust and one made out for another
// name; a simulator that requires client certificates refuses a console
// without one and accepts one with a certificate its CA signed. The token
// never travels over a connection that was refused (nothing is sent).
#include "action_executor.h"
#include "simulator_process.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace wf;

namespace {

bool openssl(const QStringList& args, const QString& dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(args.join(' ')),
                 p.readAllStandardError().constData());
        return false;
    }
    return true;
}

// A CA, and certificates it signs: name.pem / name.key.
struct Pki {
    QTemporaryDir dir;
    QString path(const QString& f) const { return dir.filePath(f); }

    bool ca(const QString& name)
    {
        return openssl(
            {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out",
             name + ".pem", "-days", "2", "-subj", "/CN=Watchfloor test CA " + name},
            dir.path());
    }

    bool issue(const QString& ca, const QString& name, const QString& cn, const QString& san)
    {
        QFile ext(path(name + ".ext"));
        if (!ext.open(QIODevice::WriteOnly))
            return false;
        ext.write(san.isEmpty() ? QByteArray("basicConstraints=CA:FALSE\n")
                                : ("subjectAltName=" + san + "\n").toUtf8());
        ext.close();
        return openssl({"req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out",
                        name + ".csr", "-subj", "/CN=" + cn},
                       dir.path()) &&
               openssl({"x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey",
                        ca + ".key", "-CAcreateserial", "-out", name + ".pem", "-days", "2",
                        "-extfile", name + ".ext"},
                       dir.path());
    }
};

struct TlsSim {
    SimulatorProcess process;
    bool start(const Pki& pki, const QString& cert, const QString& clientCa = {})
    {
        SimulatorOptions o;
        o.scenario = QStringLiteral("quiet-day");
        o.extraArguments = {"--tls-cert", pki.path(cert + ".pem"), "--tls-key",
                            pki.path(cert + ".key")};
        if (!clientCa.isEmpty())
            o.extraArguments << "--tls-client-ca" << pki.path(clientCa + ".pem");
        process.start(o);
        return process.waitUntilListening(15000);
    }
};

// Asks the platform who we are; the session, or the refusal in words.
struct Answer {
    bool ok = false;
    SessionInfo session;
    QString refusal;
};

Answer whoAmI(const EndpointConfig& config)
{
    ActionExecutor executor;
    executor.setEndpoint(config);
    QSignalSpy ok(&executor, &ActionExecutor::sessionChanged);
    QSignalSpy failed(&executor, &ActionExecutor::sessionFailed);
    executor.refreshSession();
    if (!QTest::qWaitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, 20000))
        return {};
    Answer a;
    a.ok = !ok.isEmpty();
    if (a.ok)
        a.session = ok.first().first().value<SessionInfo>();
    else
        a.refusal = failed.first().first().toString();
    return a;
}

EndpointConfig tlsTo(const SimulatorProcess& sim, const Pki& pki, const QString& ca)
{
    EndpointConfig c;
    c.target = sim.endpoint();
    c.tls = true;
    c.caCertificatePath = pki.path(ca + ".pem");
    c.token = sim.token(QStringLiteral("operator"));
    c.callDeadlineMs = 8000;
    return c;
}

}  // namespace

class TestTls : public QObject {
    Q_OBJECT
private:
    Pki pki_;

private slots:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty(),
                 "openssl (installed by scripts/setup)");
        QVERIFY(pki_.ca(QStringLiteral("ca")));
        QVERIFY(pki_.ca(QStringLiteral("other-ca")));
        QVERIFY(pki_.issue("ca", "platform", "platform.test", "DNS:localhost,IP:127.0.0.1"));
        QVERIFY(pki_.issue("ca", "elsewhere", "elsewhere.test", "DNS:elsewhere.example"));
        QVERIFY(pki_.issue("ca", "console", "console-7", ""));
        QVERIFY(pki_.issue("other-ca", "stranger", "stranger", ""));
    }

    void connectsAndShowsWhoThePlatformIs()
    {
        TlsSim sim;
        QVERIFY(sim.start(pki_, "platform"));
        const Answer a = whoAmI(tlsTo(sim.process, pki_, "ca"));
        QVERIFY2(a.ok, qPrintable(a.refusal));
        QCOMPARE(a.session.role, Role::Operator);
        QVERIFY2(a.session.serverIdentity.contains(QStringLiteral("platform.test")),
                 qPrintable(a.session.serverIdentity));
        QVERIFY(a.session.serverIdentity.contains(QStringLiteral("127.0.0.1")));

        // A plain connection to it gets nowhere.
        EndpointConfig plain = tlsTo(sim.process, pki_, "ca");
        plain.tls = false;
        plain.callDeadlineMs = 3000;
        QVERIFY(!whoAmI(plain).ok);
    }

    void refusesAnUntrustedOrMisnamedCertificateInWords()
    {
        TlsSim sim;
        QVERIFY(sim.start(pki_, "platform"));
        const Answer untrusted = whoAmI(tlsTo(sim.process, pki_, "other-ca"));
        QVERIFY(!untrusted.ok);
        QVERIFY2(untrusted.refusal.contains(QStringLiteral("secure connection")) &&
                     untrusted.refusal.contains(QStringLiteral("not signed by a CA this console "
                                                               "trusts")),
                 qPrintable(untrusted.refusal));

        TlsSim misnamed;
        QVERIFY(misnamed.start(pki_, "elsewhere"));
        const Answer wrongName = whoAmI(tlsTo(misnamed.process, pki_, "ca"));
        QVERIFY(!wrongName.ok);
        QVERIFY2(wrongName.refusal.contains(QStringLiteral("another name than 127.0.0.1")),
                 qPrintable(wrongName.refusal));
    }

    void mutualTls()
    {
        TlsSim sim;
        QVERIFY(sim.start(pki_, "platform", "ca"));
        // Without a client certificate: refused.
        const Answer anonymous = whoAmI(tlsTo(sim.process, pki_, "ca"));
        QVERIFY(!anonymous.ok);
        QVERIFY2(anonymous.refusal.contains(QStringLiteral("client certificate")),
                 qPrintable(anonymous.refusal));
        // With one from another CA: refused.
        EndpointConfig stranger = tlsTo(sim.process, pki_, "ca");
        stranger.clientCertificatePath = pki_.path("stranger.pem");
        stranger.clientKeyPath = pki_.path("stranger.key");
        QVERIFY(!whoAmI(stranger).ok);
        // With one its CA signed: in.
        EndpointConfig console = tlsTo(sim.process, pki_, "ca");
        console.clientCertificatePath = pki_.path("console.pem");
        console.clientKeyPath = pki_.path("console.key");
        const Answer a = whoAmI(console);
        QVERIFY2(a.ok, qPrintable(a.refusal));
        QCOMPARE(a.session.role, Role::Operator);
    }
};

QTEST_MAIN(TestTls)
#include "tst_tls.moc"

// Process start to first live sample on screen: the console in --demo mode
// (which also starts the simulator), measured by the console itself.
#include "bench_report.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <cstdio>

using namespace wf::bench;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QString console = qEnvironmentVariable("WATCHFLOOR_CONSOLE");
    if (console.isEmpty()) {
        std::fprintf(stderr, "bench: set WATCHFLOOR_CONSOLE to the watchfloor binary\n");
        return 1;
    }
    QTemporaryDir home;
    // At --speed N the platform completes a 10 s interval every 10/N wall
    // seconds: the first live sample cannot arrive sooner. Measured at the
    // demo's speed (10) and at 60.
    for (const char* speed : {"10", "60"}) {
        std::vector<double> history, live;
        for (int run = 0; run < 5; ++run) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
            env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
            p.setProcessEnvironment(env);
            p.start(console, {QStringLiteral("--demo"), QStringLiteral("--scenario"),
                              QStringLiteral("quiet-day"), QStringLiteral("--speed"),
                              QString::fromLatin1(speed), QStringLiteral("--report-startup")});
            if (!p.waitForFinished(60000)) {
                p.kill();
                std::fprintf(stderr, "bench: the console did not report start-up\n");
                return 1;
            }
            for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
                const QList<QByteArray> f = line.split(' ');
                if (f.size() == 3 && f[0] == "STARTUP" && f[1] == "history_on_screen_ms")
                    history.push_back(f[2].toDouble());
                if (f.size() == 3 && f[0] == "STARTUP" && f[1] == "first_live_sample_ms")
                    live.push_back(f[2].toDouble());
            }
        }
        if (history.empty() || live.empty())
            return 1;
        report(qPrintable(
                   QStringLiteral("startup_history_on_screen_speed%1").arg(QLatin1String(speed))),
               median(history), "ms");
        report(qPrintable(
                   QStringLiteral("startup_first_live_sample_speed%1").arg(QLatin1String(speed))),
               median(live), "ms");
    }
    return 0;
}

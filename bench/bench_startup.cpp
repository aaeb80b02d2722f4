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
    std::vector<double> ms;
    for (int run = 0; run < 5; ++run) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
        p.setProcessEnvironment(env);
        p.start(console, {QStringLiteral("--demo"), QStringLiteral("--scenario"),
                          QStringLiteral("quiet-day"), QStringLiteral("--report-startup")});
        if (!p.waitForFinished(60000)) {
            p.kill();
            std::fprintf(stderr, "bench: the console did not report start-up\n");
            return 1;
        }
        for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
            if (line.startsWith("STARTUP first_live_sample_ms "))
                ms.push_back(line.mid(29).trimmed().toDouble());
        }
    }
    if (ms.empty())
        return 1;
    report("startup_first_live_sample", median(ms), "ms");
    return 0;
}

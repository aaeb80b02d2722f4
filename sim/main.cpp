// watchfloor-sim: a simulated commerce platform for the Watchfloor console.
// See sim/README.md.

#include "listen_address.h"
#include "role_permissions.h"
#include "scenario_loader.h"
#include "sim_command_line.h"
#include "sim_server.h"
#include "simulated_platform.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>

#include <pthread.h>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>

namespace {

int fail(const std::string& message)
{
    std::fprintf(stderr, "watchfloor-sim: %s\n", message.c_str());
    return 2;
}

std::string firstSentence(const std::string& text)
{
    const size_t end = text.find(". ");
    return end == std::string::npos ? text : text.substr(0, end + 1);
}

}  // namespace

int main(int argc, char** argv)
{
    // Block SIGINT/SIGTERM in every thread (gRPC's inherit the mask); main
    // waits for them with sigwait and shuts the server down cleanly.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("watchfloor-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    spdlog::set_default_logger(spdlog::stderr_color_mt("sim"));

    wfsim::SimCommandLine commandLine;
    if (!commandLine.parse(QCoreApplication::arguments()))
        return fail(commandLine.error() + " (see --help)");
    const wfsim::SimOptions& options = commandLine.options();
    if (options.help) {
        std::fputs(commandLine.helpText().c_str(), stdout);
        return 0;
    }
    if (options.version) {
        std::puts("watchfloor-sim 0.1.0");
        return 0;
    }

    const wfsim::JourneyCatalog catalog;
    const wfsim::ScenarioLoader loader(catalog);
    if (options.listScenarios) {
        for (const QString& name : wfsim::ScenarioLoader::builtInNames()) {
            std::string error;
            const auto scenario = loader.load(name, &error);
            std::printf("%-30s %s\n", name.toUtf8().constData(),
                        scenario ? firstSentence(scenario->description).c_str() : error.c_str());
        }
        return 0;
    }

    std::string error;
    const auto address = wfsim::ListenAddress::parse(options.listen, &error);
    if (!address)
        return fail(error);
    if (!address->isLoopback() && !options.allowRemote) {
        return fail("refusing to listen on non-loopback address " + options.listen +
                    " without --allow-remote");
    }
    const auto scenario = loader.load(options.scenario, &error);
    if (!scenario)
        return fail(error);

    wfsim::PlatformSettings settings;
    settings.seed = options.seed;
    settings.speed = options.speed;
    settings.startSeconds =
        options.startSeconds.value_or(wfsim::PlatformClock::wallNowFlooredMs(10) / 1000);
    settings.scenario = *scenario;
    settings.requireToken = options.requireToken;
    settings.deployHistory = options.deployHistory;
    settings.historyDays = options.historyDays;
    settings.flagCount = options.flagCount;
    settings.dropActionResponses = options.dropActionResponses;
    settings.reconSize = options.reconSize;
    settings.approvalThresholdMinor = options.approvalThresholdMinor;
    settings.incidentDbPath = options.incidentDb.toStdString();
    const auto constructing = std::chrono::steady_clock::now();
    wfsim::SimulatedPlatform platform(settings);
    if (!platform.incidents().isOpen())
        return fail(platform.incidents().openError());
    wfsim::SimServer server(platform);
    if (!options.tlsCert.isEmpty()) {
        auto read = [](const QString& path, std::string* out) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                return false;
            *out = f.readAll().toStdString();
            return true;
        };
        std::string cert, key, clientCa;
        for (const auto& [path, out] :
             {std::pair{options.tlsCert, &cert}, std::pair{options.tlsKey, &key},
              std::pair{options.tlsClientCa, &clientCa}}) {
            if (!path.isEmpty() && !read(path, out))
                return fail("cannot read " + path.toStdString());
        }
        server.setTls(cert, key, clientCa);
    }
    if (!server.start(options.listen, &error))
        return fail(error);

    std::printf("LISTENING %s\n", address->withPort(server.port()).c_str());
    // One bearer token per role, for the console and tests; never logged.
    for (const auto& role : platform.access().tokens()) {
        std::printf("TOKEN %s %s\n", wfsim::RolePermissions::name(role.role).c_str(),
                    role.token.c_str());
    }
    std::fflush(stdout);
    spdlog::info(
        "scenario {} ({} effects, {} faults, {} deploys, {} flag changes), seed {}, "
        "speed {}x, start {}, epoch {}",
        scenario->name, scenario->effects.size(), scenario->faults.size(), scenario->deploys.size(),
        scenario->flagChanges.size(), settings.seed, settings.speed,
        QDateTime::fromSecsSinceEpoch(settings.startSeconds, Qt::UTC)
            .toString(Qt::ISODate)
            .toStdString(),
        platform.streamEpoch());
    spdlog::info("{} deploys in history, {} flags; tokens {}", platform.deploys().size(),
                 platform.flags().size(),
                 options.requireToken ? "required" : "optional (anonymous viewers may read)");
    spdlog::info("{} incidents in {}", platform.incidents().size(), platform.incidents().path());
    if (platform.backfill().enabled()) {
        spdlog::info(
            "history backfilled over {} days: {} incidents ({} added to the file), {} "
            "deploys rolled back",
            platform.backfill().days(), platform.backfill().incidents().size(),
            platform.backfilledIncidents(), platform.backfill().rollbacks().size());
    }
    spdlog::info("{} reconciliation mismatches, approval from {} minor units; ready in {} ms",
                 platform.recon().size(), settings.approvalThresholdMinor,
                 std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - constructing)
                     .count());

    int signal = 0;
    sigwait(&stopSignals, &signal);
    spdlog::info("{}: shutting down", signal == SIGINT ? "SIGINT" : "SIGTERM");
    server.shutdown(std::chrono::milliseconds(500));
    return 0;
}

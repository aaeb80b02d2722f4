#pragma once

// In-process simulator for the action tests: a platform and its server on
// 127.0.0.1:<free port>, stubs of every service, tokens per role, and
// background readers of the health, deploy, flag, vendor and mismatch streams.

#include "scenario_loader.h"
#include "sim_server.h"
#include "simulated_platform.h"
#include "watchfloor/v1/deploy.grpc.pb.h"
#include "watchfloor/v1/flag.grpc.pb.h"
#include "watchfloor/v1/journey_health.grpc.pb.h"
#include "watchfloor/v1/reconciliation.grpc.pb.h"
#include "watchfloor/v1/session.grpc.pb.h"
#include "watchfloor/v1/simulator_control.grpc.pb.h"
#include "watchfloor/v1/vendor.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QtGlobal>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace wfsim::test {

namespace v1 = watchfloor::v1;

// 2026-11-25T12:00:00Z: eu-west near its daily peak.
constexpr int64_t kStart = 1795608000;

inline PlatformSettings settingsFor(const char* scenario, double speed)
{
    PlatformSettings settings;
    settings.seed = 7;
    settings.speed = speed;
    settings.startSeconds = kStart;
    std::string error;
    JourneyCatalog catalog;
    const auto loaded = ScenarioLoader(catalog).load(QString::fromLatin1(scenario), &error);
    if (!loaded)
        qFatal("scenario %s: %s", scenario, error.c_str());
    settings.scenario = *loaded;
    return settings;
}

class ActionFixture {
public:
    explicit ActionFixture(const PlatformSettings& settings)
    {
        platform = std::make_unique<SimulatedPlatform>(settings);
        server = std::make_unique<SimServer>(*platform);
        std::string error;
        if (!server->start("127.0.0.1:0", &error))
            qFatal("server: %s", error.c_str());
        grpc::ChannelArguments args;
        args.SetMaxReceiveMessageSize(-1);
        channel = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(server->port()),
                                            grpc::InsecureChannelCredentials(), args);
        health = v1::JourneyHealthService::NewStub(channel);
        session = v1::SessionService::NewStub(channel);
        deploys = v1::DeployService::NewStub(channel);
        flags = v1::FlagService::NewStub(channel);
        control = v1::SimulatorControl::NewStub(channel);
        vendors = v1::VendorService::NewStub(channel);
        recon = v1::ReconciliationService::NewStub(channel);
    }

    const std::string& token(v1::Role role) const { return platform->access().token(role); }

    // A context with a deadline and, unless empty, the bearer token.
    static void prepare(grpc::ClientContext& context, const std::string& token, int seconds = 10)
    {
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
        if (!token.empty())
            context.AddMetadata("authorization", "Bearer " + token);
    }

    std::unique_ptr<SimulatedPlatform> platform;
    std::unique_ptr<SimServer> server;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<v1::JourneyHealthService::Stub> health;
    std::unique_ptr<v1::SessionService::Stub> session;
    std::unique_ptr<v1::DeployService::Stub> deploys;
    std::unique_ptr<v1::FlagService::Stub> flags;
    std::unique_ptr<v1::SimulatorControl::Stub> control;
    std::unique_ptr<v1::VendorService::Stub> vendors;
    std::unique_ptr<v1::ReconciliationService::Stub> recon;
};

// Reads a server stream on a thread, keeping what `keep` returns true for.
template <typename Event>
class StreamWatcher {
public:
    using Open = std::function<std::unique_ptr<grpc::ClientReader<Event>>(grpc::ClientContext*)>;

    explicit StreamWatcher(const Open& open, int seconds = 30)
    {
        ActionFixture::prepare(context_, {}, seconds);
        reader_ = open(&context_);
        thread_ = std::thread([this] {
            Event event;
            while (reader_->Read(&event)) {
                std::lock_guard lock(mutex_);
                events_.push_back(event);
            }
            done_ = true;
        });
    }

    ~StreamWatcher()
    {
        context_.TryCancel();
        thread_.join();
        reader_->Finish();
    }

    std::vector<Event> events() const
    {
        std::lock_guard lock(mutex_);
        return events_;
    }

    bool done() const { return done_; }

private:
    grpc::ClientContext context_;
    std::unique_ptr<grpc::ClientReader<Event>> reader_;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<Event> events_;
    std::atomic<bool> done_{false};
};

// Error ratio of the samples whose interval starts in [from, to) (Unix seconds).
struct Ratio {
    int64_t good = 0;
    int64_t valid = 0;
    int ticks = 0;
    double errors() const { return valid > 0 ? double(valid - good) / double(valid) : 0; }
};

inline Ratio ratioOf(const std::vector<v1::HealthEvent>& events, int64_t from, int64_t to)
{
    Ratio r;
    for (const v1::HealthEvent& e : events) {
        for (const v1::HealthSample& s : e.samples()) {
            const int64_t t = s.interval_start().seconds();
            if (s.sequence() > 0 && t >= from && t < to) {
                r.good += s.good();
                r.valid += s.valid();
                ++r.ticks;
            }
        }
    }
    return r;
}

}  // namespace wfsim::test

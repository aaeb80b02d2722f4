#pragma once

// Streams journey health from one platform endpoint on its own threads: the
// catalog and history first, then the live samples, resumed by sequence after
// a broken connection. A new stream epoch (the platform restarted) reloads
// history instead of splicing two histories together.

#include "feed_worker.h"
#include "health_types.h"

#include <atomic>

namespace wf {

class JourneyHealthClient : public FeedWorker {
    Q_OBJECT
public:
    explicit JourneyHealthClient(QObject* parent = nullptr);

    // History loaded at start: fine tier span and coarse tier span.
    static constexpr qint64 kFineHistoryMs = 7LL * 3600 * 1000;
    static constexpr qint64 kFineResolutionMs = 10 * 1000;
    static constexpr qint64 kCoarseHistoryMs = 30LL * 24 * 3600 * 1000;
    static constexpr qint64 kCoarseResolutionMs = 5 * 60 * 1000;

    struct Counters {
        std::atomic<qint64> events{0};
        std::atomic<qint64> samples{0};
        std::atomic<qint64> rejected{0};
        std::atomic<qint64> duplicates{0};
        std::atomic<qint64> gaps{0};  // samples missing or out of order: re-read
    };
    const Counters& counters() const { return counters_; }

signals:
    void catalogReady(const wf::PlatformCatalog& catalog);
    void historyReady(const wf::HealthHistory& history);
    void samplesReceived(const wf::HealthBatch& batch);
    // Bad data from the platform, in words; the console keeps running.
    void dataProblem(const QString& message);

protected:
    void reset() override;
    bool loadSnapshot(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                      QString* error, bool* reloadNow) override;
    StreamEnd follow(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error) override;

private:
    bool loadCatalog(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error);
    bool loadHistory(const std::shared_ptr<grpc::Channel>& channel, const EndpointConfig& config,
                     QString* error, bool* reloadNow);
    void reportProblem(const QString& message);

    // Worker-thread state.
    PlatformCatalog catalog_;
    QString epoch_;
    quint64 lastSequence_ = 0;
    qint64 lastProblemWallMs_ = 0;
    int problemsSuppressed_ = 0;
    Counters counters_;
};

}  // namespace wf

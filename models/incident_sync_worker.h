#pragma once

// Internal to IncidentSync: the part that lives on the sync thread, with its
// own connection to the incident store, the blocking IncidentService calls
// and the incident stream.

#include "incident_store.h"
#include "incident_sync.h"

#include <QObject>
#include <QSet>
#include <memory>

class QTimer;

namespace wf {

class IncidentCalls;
class IncidentFeedClient;
struct ConnectionStatus;
struct IncidentCallResult;

class IncidentSyncWorker : public QObject {
    Q_OBJECT
public:
    explicit IncidentSyncWorker(IncidentSync* owner);
    ~IncidentSyncWorker() override;

    // All on the sync thread.
    void open(const QString& path);
    void start(const EndpointConfig& config);
    void stop();
    void nudge(const QString& incidentId);
    void resolveSectionConflict(const QString& incidentId, PostmortemSectionKey key, bool keepMine);
    void setPassIntervalMs(int ms);
    void shutdown();

private:
    void onStatus(const ConnectionStatus& status);
    void onListed(const QVector<Incident>& incidents);
    void onChange(const IncidentChange& change);
    void schedulePass();
    void pass();
    void publish();

    // Sending: false when the pass must stop (unreachable, denied).
    bool pushIncident(const QString& id);
    bool pushIncidentFields(const Incident& local);
    bool pushStatusUpdates(const QString& id);
    bool pushEntries(const QString& id);
    bool pushSections(const QString& id);
    bool pushItems(const QString& id);
    // A failed call: true when the pass may go on (a refusal of one record).
    bool carryOn(const IncidentCallResult& r, const QString& recordId);

    // Receiving.
    bool fetch(const QString& id);
    void applySnapshot(const IncidentSnapshot& snapshot);
    bool applyIncident(const Incident& theirs);
    bool applySection(const PostmortemSection& theirs);
    bool applyItem(const ActionItem& theirs, bool deleted);
    void recordIncident(const Incident& theirs);
    void say(const QString& message);

    IncidentSync* owner_;
    IncidentStore store_;
    EndpointConfig config_;
    std::unique_ptr<IncidentCalls> calls_;
    IncidentFeedClient* feed_ = nullptr;
    QTimer* timer_ = nullptr;
    bool passQueued_ = false;
    bool connected_ = false;
    bool readOnly_ = false;
    bool scanAll_ = true;
    int passes_ = 0;
    QSet<QString> dirty_;    // incidents with local writes to send
    QSet<QString> fetch_;    // incidents to read whole from the platform
    QSet<QString> refused_;  // records the platform refused (not sent again this run)
    bool unknownIncidentSaid_ = false;
    IncidentSyncStatus status_;
};

}  // namespace wf

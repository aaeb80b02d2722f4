#pragma once

// The platform's incidents, shared by every console: incidents, timelines,
// status updates, postmortem sections and action items, kept in memory and
// in the incident file (IncidentDb; every change is written there before it
// is applied and answered, so the file survives a restart of the platform),
// with the change log behind StreamIncidentEvents. Records carry the ids the
// consoles made; writing one again stores nothing new. Incidents carry a
// version, sections and action items a revision; a change names the one it
// started from. Every applied change goes into the action journal.
// Thread-safe (one mutex; the calls are short).

#include "action_journal.h"
#include "caller.h"
#include "event_log.h"
#include "incident_db.h"
#include "journey_catalog.h"
#include "platform_clock.h"
#include "watchfloor/v1/common.pb.h"
#include "watchfloor/v1/incident.pb.h"

#include <grpcpp/support/status.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

class QTemporaryDir;

namespace wfsim {

class IncidentStore {
public:
    static constexpr int kDefaultPageSize = 100;
    static constexpr int kMaxPageSize = 500;
    static constexpr int kMaxBatch = 500;
    static constexpr size_t kMaxEntriesPerIncident = 10'000;
    // A conflict's current_text is cut here (current_text_truncated = "true").
    static constexpr size_t kConflictTextBytes = 4000;

    // An empty `path`: a fresh file in a temporary directory, removed with the store.
    IncidentStore(const std::string& path, const PlatformClock& clock, const std::string& epoch,
                  ActionJournal& journal);
    ~IncidentStore();

    // Whether the file could be opened and read; otherwise why not, and
    // every call answers UNAVAILABLE (STORAGE_FAILED).
    bool isOpen() const { return openError_.empty(); }
    const std::string& openError() const { return openError_; }
    const std::string& path() const { return path_; }
    size_t size() const;

    // Stores incidents of the platform's past (HistoryBackfill) with
    // everything that belongs to them, in the file too, as if consoles had
    // written them before this run: no events. Incidents whose id is already
    // stored are left as they are (with what consoles changed since); returns
    // how many were added.
    size_t backfill(IncidentRows rows);

    grpc::Status list(const watchfloor::v1::ListIncidentsRequest& request,
                      watchfloor::v1::ListIncidentsResponse* response) const;
    grpc::Status get(const watchfloor::v1::GetIncidentRequest& request,
                     watchfloor::v1::GetIncidentResponse* response) const;

    // The changes (the caller holds incidents.write; the context is checked).
    grpc::Status declare(const Caller& caller,
                         const watchfloor::v1::DeclareIncidentRequest& request,
                         watchfloor::v1::DeclareIncidentResponse* response);
    grpc::Status update(const Caller& caller, const watchfloor::v1::UpdateIncidentRequest& request,
                        watchfloor::v1::UpdateIncidentResponse* response);
    grpc::Status append(const Caller& caller,
                        const watchfloor::v1::AppendTimelineEntriesRequest& request,
                        watchfloor::v1::AppendTimelineEntriesResponse* response);
    grpc::Status setPinned(const Caller& caller,
                           const watchfloor::v1::SetTimelineEntryPinnedRequest& request,
                           watchfloor::v1::SetTimelineEntryPinnedResponse* response);
    grpc::Status addStatusUpdate(const Caller& caller,
                                 const watchfloor::v1::AddStatusUpdateRequest& request,
                                 watchfloor::v1::AddStatusUpdateResponse* response);
    grpc::Status saveSection(const Caller& caller,
                             const watchfloor::v1::SavePostmortemSectionRequest& request,
                             watchfloor::v1::SavePostmortemSectionResponse* response);
    grpc::Status upsertItem(const Caller& caller,
                            const watchfloor::v1::UpsertActionItemRequest& request,
                            watchfloor::v1::UpsertActionItemResponse* response);
    grpc::Status deleteItem(const Caller& caller,
                            const watchfloor::v1::DeleteActionItemRequest& request,
                            watchfloor::v1::DeleteActionItemResponse* response);

    // Stream source (ChangeStream). Nothing happens by time alone.
    void catchUp() {}
    const std::string& streamEpoch() const { return epoch_; }
    uint64_t newestSequence() const;
    uint64_t oldestSequence() const;
    void eventsAfter(uint64_t after, size_t max,
                     std::vector<watchfloor::v1::IncidentEvent>* out) const;

private:
    // One incident and everything that belongs to it, in the order stored.
    struct Record {
        StoredIncident stored;
        std::vector<StoredEntry> timeline;
        std::vector<StoredStatusUpdate> statusUpdates;
        std::map<std::string, watchfloor::v1::PostmortemSection> sections;  // by key
        std::vector<StoredItem> items;
    };
    // Where a timeline entry or action item lives.
    struct Place {
        std::string incidentId;
        size_t index = 0;
    };

    // Callers hold mutex_.
    grpc::Status available() const;
    grpc::Status findIncident(const std::string& id, const std::string& field, Record** out);
    grpc::Status findIncident(const std::string& id, const std::string& field,
                              const Record** out) const;
    // Writes `rows` to the file (UNAVAILABLE STORAGE_FAILED when it cannot).
    grpc::Status persist(const IncidentRows& rows);
    // The change entry the platform writes itself.
    StoredEntry platformEntry(const std::string& incidentId, watchfloor::v1::TimelineEntryKind kind,
                              const Caller& caller, int64_t nowMs, const std::string& text);
    // Applies rows already persisted (new or replacing ones) and logs their events.
    void apply(const IncidentRows& rows);
    void logEvent(const std::string& incidentId, watchfloor::v1::IncidentEvent event);
    // Journals the call (every successful one, also when it changed nothing:
    // `target` says so) under `actionId` and fills the receipt.
    void applied(const Caller& caller, const watchfloor::v1::ActionContext& context,
                 const std::string& actionId, const std::string& kind, const std::string& target,
                 watchfloor::v1::ActionReceipt* receipt);
    void load(IncidentRows rows);

    const PlatformClock& clock_;
    std::string epoch_;
    ActionJournal& journal_;
    std::unique_ptr<QTemporaryDir> temporaryDir_;  // the default file's
    std::string path_;
    std::string openError_;
    const JourneyCatalog catalog_;
    IncidentDb db_;

    mutable std::mutex mutex_;
    std::map<std::string, Record> records_;  // by incident id
    std::map<std::string, Place> entries_;   // timeline entries (and status updates) by id
    std::map<std::string, Place> items_;     // action items by id
    std::map<std::string, Place> statusUpdates_;
    int64_t lastPosition_ = 0;
    EventLog<watchfloor::v1::IncidentEvent> log_;
};

}  // namespace wfsim

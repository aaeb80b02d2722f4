#pragma once

// The simulator's incident file: SQLite (WAL, synchronous = NORMAL, foreign
// keys on, schema version in user_version) through QtSql, on a thread of its
// own, because a Qt SQL connection may only be used by the thread that made
// it while gRPC calls arrive on many. Every call waits for its result, so
// what a call wrote is in the file (its WAL) when it returns, whatever happens
// to the process afterwards.
//
// Schema 1: incidents, timeline_entries, status_updates, postmortem_sections
// and action_items, enums as the stable keys of incident_keys.h, times in
// milliseconds since the epoch (UTC).

#include "incident_rows.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace wfsim {

class IncidentDb {
public:
    static constexpr int kSchemaVersion = 1;

    IncidentDb();
    ~IncidentDb();
    IncidentDb(const IncidentDb&) = delete;
    IncidentDb& operator=(const IncidentDb&) = delete;

    // Opens (creating) the file and brings its schema up to date. Refuses, in
    // words in `error`, a file of a newer schema or one that is no database.
    bool open(const std::string& path, std::string* error);
    // Everything in the file, each kind in the order stored.
    bool load(IncidentRows* rows, std::string* error);
    // One transaction: all rows or none.
    bool write(const IncidentRows& rows, std::string* error);

private:
    // Runs `job` on the database thread and waits for it.
    void run(const std::function<void()>& job);
    void loop();

    bool openHere(const std::string& path, std::string* error);
    bool loadHere(IncidentRows* rows, std::string* error);
    bool writeHere(const IncidentRows& rows, std::string* error);

    std::string connection_;
    bool opened_ = false;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace wfsim

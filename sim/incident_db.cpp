#include "incident_db.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <atomic>
#include <future>

namespace wfsim {

namespace {

const char* const kSchema[] = {
    "CREATE TABLE incidents ("
    " id TEXT PRIMARY KEY, severity TEXT NOT NULL, title TEXT NOT NULL,"
    " journeys TEXT NOT NULL, regions TEXT NOT NULL, commander TEXT NOT NULL,"
    " communications_lead TEXT NOT NULL, scribe TEXT NOT NULL, status TEXT NOT NULL,"
    " started_ms INTEGER, detected_ms INTEGER, acknowledged_ms INTEGER,"
    " mitigated_ms INTEGER, resolved_ms INTEGER, declared_ms INTEGER NOT NULL,"
    " declared_by TEXT NOT NULL, updated_ms INTEGER NOT NULL, updated_by TEXT NOT NULL,"
    " version INTEGER NOT NULL, declare_fingerprint BLOB NOT NULL)",
    "CREATE TABLE timeline_entries ("
    " id TEXT PRIMARY KEY, incident_id TEXT NOT NULL REFERENCES incidents (id),"
    " position INTEGER NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,"
    " at_ms INTEGER NOT NULL, text TEXT NOT NULL, outcome TEXT NOT NULL,"
    " pinned INTEGER NOT NULL, recorded_ms INTEGER NOT NULL, recorded_by TEXT NOT NULL)",
    "CREATE INDEX timeline_entries_by_incident ON timeline_entries (incident_id, position)",
    "CREATE TABLE status_updates ("
    " id TEXT PRIMARY KEY, incident_id TEXT NOT NULL REFERENCES incidents (id),"
    " position INTEGER NOT NULL, at_ms INTEGER NOT NULL, author TEXT NOT NULL,"
    " status TEXT NOT NULL, text TEXT NOT NULL, recorded_ms INTEGER NOT NULL,"
    " recorded_by TEXT NOT NULL)",
    "CREATE TABLE postmortem_sections ("
    " incident_id TEXT NOT NULL REFERENCES incidents (id), section TEXT NOT NULL,"
    " text TEXT NOT NULL, revision INTEGER NOT NULL, updated_ms INTEGER NOT NULL,"
    " updated_by TEXT NOT NULL, PRIMARY KEY (incident_id, section))",
    "CREATE TABLE action_items ("
    " id TEXT PRIMARY KEY, incident_id TEXT NOT NULL REFERENCES incidents (id),"
    " position INTEGER NOT NULL, title TEXT NOT NULL, owner TEXT NOT NULL,"
    " due_date TEXT NOT NULL, priority TEXT NOT NULL, type TEXT NOT NULL,"
    " status TEXT NOT NULL, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,"
    " updated_by TEXT NOT NULL, revision INTEGER NOT NULL, deleted INTEGER NOT NULL)",
};

std::string lastError(const QSqlQuery& q)
{
    return q.lastError().text().toStdString();
}

std::atomic<int> connections{0};

}  // namespace

IncidentDb::IncidentDb()
    : connection_("wfsim-incidents-" + std::to_string(++connections)), thread_([this] { loop(); })
{
}

IncidentDb::~IncidentDb()
{
    run([this] {
        if (opened_) {
            QSqlDatabase::database(QString::fromStdString(connection_), false).close();
            opened_ = false;
        }
        QSqlDatabase::removeDatabase(QString::fromStdString(connection_));
    });
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void IncidentDb::run(const std::function<void()>& job)
{
    std::packaged_task<void()> task(job);
    std::future<void> done = task.get_future();
    {
        std::lock_guard lock(mutex_);
        jobs_.emplace_back([&task] { task(); });
    }
    wake_.notify_all();
    done.get();
}

void IncidentDb::loop()
{
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty())
                return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();
    }
}

bool IncidentDb::open(const std::string& path, std::string* error)
{
    bool ok = false;
    run([&] { ok = openHere(path, error); });
    return ok;
}

bool IncidentDb::load(IncidentRows* rows, std::string* error)
{
    bool ok = false;
    run([&] { ok = loadHere(rows, error); });
    return ok;
}

bool IncidentDb::write(const IncidentRows& rows, std::string* error)
{
    bool ok = false;
    run([&] { ok = writeHere(rows, error); });
    return ok;
}

bool IncidentDb::openHere(const std::string& path, std::string* error)
{
    const QString name = QString::fromStdString(connection_);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(QString::fromStdString(path));
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    const auto fail = [&](const std::string& what) {
        *error = "cannot open the incident file " + path + ": " + what;
        db.close();
        return false;
    };
    if (!db.open())
        return fail(db.lastError().text().toStdString());
    QSqlQuery q(db);
    // The first statement that reads the file: a file that is no database fails here.
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
        return fail(lastError(q));
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return fail(lastError(q));
    const int version = q.value(0).toInt();
    q.finish();
    if (version > kSchemaVersion) {
        return fail("it was written by a newer simulator (schema " + std::to_string(version) +
                    ", this one knows up to " + std::to_string(kSchemaVersion) + ")");
    }
    if (version < kSchemaVersion) {
        if (!db.transaction())
            return fail(db.lastError().text().toStdString());
        for (const char* statement : kSchema) {
            if (!q.exec(QString::fromLatin1(statement))) {
                const std::string why = lastError(q);
                db.rollback();
                return fail(why);
            }
        }
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion)) ||
            !db.commit()) {
            const std::string why = lastError(q);
            db.rollback();
            return fail(why);
        }
    }
    opened_ = true;
    return true;
}

}  // namespace wfsim

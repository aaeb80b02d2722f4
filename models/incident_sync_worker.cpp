#include "incident_sync_worker.h"

#include "incident_calls.h"
#include "incident_feed_client.h"
#include "incident_merge.h"

#include <QDateTime>
#include <QTimer>
#include <QUuid>

namespace wf {

namespace {

constexpr int kRescanEveryPasses = 30;

QString sectionId(const QString& incidentId, PostmortemSectionKey key)
{
    return incidentId + QLatin1Char('/') + postmortemSectionKey(key);
}

bool isChangeEntry(const TimelineEntry& e)
{
    return e.kind == TimelineKind::SeverityChange || e.kind == TimelineKind::StatusChange ||
           e.kind == TimelineKind::RoleChange;
}

QString declarationId(const QString& incidentId)
{
    return QUuid::createUuidV5(QUuid::fromString(incidentId), QStringLiteral("declaration"))
        .toString(QUuid::WithoutBraces);
}

SyncRecord record(qint64 revision, const QString& base, bool conflict = false)
{
    SyncRecord r;
    r.exists = true;
    r.remoteRevision = revision;
    r.base = base;
    r.conflict = conflict;
    return r;
}

}  // namespace

IncidentSyncWorker::IncidentSyncWorker(IncidentSync* owner) : owner_(owner) {}

IncidentSyncWorker::~IncidentSyncWorker() = default;

void IncidentSyncWorker::open(const QString& path)
{
    QString error;
    if (!store_.open(path, &error))
        say(tr("Incidents cannot be shared: %1").arg(error));
    scanAll_ = true;
    if (!timer_) {
        timer_ = new QTimer(this);
        timer_->setInterval(1000);
        connect(timer_, &QTimer::timeout, this, &IncidentSyncWorker::schedulePass);
        timer_->start();
    }
    publish();
}

void IncidentSyncWorker::setPassIntervalMs(int ms)
{
    if (timer_)
        timer_->setInterval(ms);
}

void IncidentSyncWorker::start(const EndpointConfig& config)
{
    stop();
    config_ = config;
    calls_ = std::make_unique<IncidentCalls>(config);
    readOnly_ = false;
    refused_.clear();
    scanAll_ = true;
    feed_ = new IncidentFeedClient(this);
    connect(feed_, &FeedWorker::statusChanged, this, &IncidentSyncWorker::onStatus);
    connect(feed_, &IncidentFeedClient::incidentsListed, this, &IncidentSyncWorker::onListed);
    connect(feed_, &IncidentFeedClient::incidentChanged, this, &IncidentSyncWorker::onChange);
    status_.state = IncidentSyncStatus::State::Connecting;
    feed_->start(config);
    publish();
}

void IncidentSyncWorker::stop()
{
    if (feed_) {
        feed_->stop();
        delete feed_;
        feed_ = nullptr;
    }
    calls_.reset();
    connected_ = false;
    fetch_.clear();
    status_.state = IncidentSyncStatus::State::Off;
    publish();
}

void IncidentSyncWorker::shutdown()
{
    stop();
    delete timer_;
    timer_ = nullptr;
    store_.close();
}

void IncidentSyncWorker::nudge(const QString& incidentId)
{
    dirty_.insert(incidentId);
    schedulePass();
}

void IncidentSyncWorker::resolveSectionConflict(const QString& incidentId, PostmortemSectionKey key,
                                                bool keepMine)
{
    const QString id = sectionId(incidentId, key);
    SyncRecord r = store_.syncRecord(SyncRecordKind::Section, id);
    if (!r.exists || !r.conflict)
        return;
    r.conflict = false;
    if (!keepMine) {
        // Theirs is the base: write it here; nothing is left to send.
        PostmortemSection theirs;
        theirs.incidentId = incidentId;
        theirs.key = key;
        theirs.text = r.base;
        theirs.updatedMs = QDateTime::currentMSecsSinceEpoch();
        store_.applyRemoteSection(theirs);
    }
    // Keep mine: the text here differs from their base, so the next pass
    // sends it from their revision.
    store_.setSyncRecord(SyncRecordKind::Section, id, incidentId, r);
    emit owner_->changed(incidentId);
    nudge(incidentId);
}

void IncidentSyncWorker::onStatus(const ConnectionStatus& status)
{
    const bool wasConnected = connected_;
    connected_ = status.state == ConnectionState::Live;
    if (connected_) {
        if (!readOnly_)
            status_.state = IncidentSyncStatus::State::Shared;
        status_.detail.clear();
        if (!wasConnected) {
            scanAll_ = true;
            schedulePass();
        }
    } else if (status.state == ConnectionState::Reconnecting ||
               status.state == ConnectionState::Connecting) {
        status_.state = status.state == ConnectionState::Connecting && status.detail.isEmpty()
                            ? IncidentSyncStatus::State::Connecting
                            : IncidentSyncStatus::State::Unreachable;
        status_.detail = status.detail;
    }
    publish();
}

void IncidentSyncWorker::onListed(const QVector<Incident>& incidents)
{
    // A (re)load: anything may have changed, entries and sections too
    // (they do not move an incident's version), so read each one whole.
    for (const Incident& i : incidents)
        fetch_.insert(i.id);
    schedulePass();
}

void IncidentSyncWorker::onChange(const IncidentChange& change)
{
    bool changed = false;
    switch (change.kind) {
        case IncidentChange::Kind::Incident: changed = applyIncident(change.incident); break;
        case IncidentChange::Kind::TimelineEntry: {
            const WriteResult r = store_.applyRemoteEntry(change.entry);
            if (r.outcome == WriteOutcome::NotFound)
                fetch_.insert(change.incidentId);
            changed = r.outcome == WriteOutcome::Written;
            break;
        }
        case IncidentChange::Kind::StatusUpdate: {
            const WriteResult r = store_.applyRemoteStatusUpdate(change.statusUpdate);
            if (r.outcome == WriteOutcome::NotFound)
                fetch_.insert(change.incidentId);
            changed = r.outcome == WriteOutcome::Written;
            break;
        }
        case IncidentChange::Kind::Section: changed = applySection(change.section); break;
        case IncidentChange::Kind::ActionItem:
            changed = applyItem(change.item, change.itemDeleted);
            break;
    }
    status_.lastSyncMs = QDateTime::currentMSecsSinceEpoch();
    if (changed)
        emit owner_->changed(change.incidentId);
    if (!fetch_.isEmpty())
        schedulePass();
}

void IncidentSyncWorker::schedulePass()
{
    if (passQueued_)
        return;
    passQueued_ = true;
    QMetaObject::invokeMethod(this, &IncidentSyncWorker::pass, Qt::QueuedConnection);
}

void IncidentSyncWorker::pass()
{
    passQueued_ = false;
    if (!store_.isOpen())
        return;
    if (++passes_ % kRescanEveryPasses == 0)
        scanAll_ = true;  // also picks up another console writing the same file
    if (connected_ && calls_) {
        for (const QString& id : QStringList(fetch_.begin(), fetch_.end())) {
            if (!fetch(id))
                break;
        }
        if (!readOnly_) {
            QStringList ids;
            if (scanAll_) {
                for (const Incident& i : store_.listIncidents())
                    ids.append(i.id);
                scanAll_ = false;
            } else {
                ids = QStringList(dirty_.begin(), dirty_.end());
            }
            dirty_.clear();
            for (int n = 0; n < ids.size(); ++n) {
                if (!pushIncident(ids[n])) {
                    for (int rest = n; rest < ids.size(); ++rest)
                        dirty_.insert(ids[rest]);
                    break;
                }
            }
        }
    }
    publish();
}

void IncidentSyncWorker::publish()
{
    status_.unsent = store_.unsentCount();
    status_.conflicts = store_.conflictCount();
    if (readOnly_)
        status_.state = IncidentSyncStatus::State::ReadOnly;
    emit owner_->statusChanged(status_);
}

void IncidentSyncWorker::say(const QString& message)
{
    emit owner_->notice(message);
}

bool IncidentSyncWorker::carryOn(const IncidentCallResult& r, const QString& recordId)
{
    switch (r.kind) {
        case IncidentCallResult::Kind::Ok:
        case IncidentCallResult::Kind::Conflict: return true;
        case IncidentCallResult::Kind::Unreachable:
            status_.state = IncidentSyncStatus::State::Unreachable;
            status_.detail = r.message;
            return false;
        case IncidentCallResult::Kind::Denied:
            if (!readOnly_)
                say(tr("Your role cannot change shared incidents on the platform, so what you "
                       "write stays on this console only (%1).")
                        .arg(r.message));
            readOnly_ = true;
            return false;
        case IncidentCallResult::Kind::Refused:
            if (refused_.contains(recordId)) {
                // said already
            } else if (r.reason == QLatin1String("INCIDENT_NOT_FOUND")) {
                // Once for all of them: a platform reset, or another platform.
                if (!unknownIncidentSaid_)
                    say(
                        tr("The platform does not have an incident this console shared (it was "
                           "reset, or the incident belongs to another platform): what is "
                           "written to it stays on this console."));
                unknownIncidentSaid_ = true;
            } else {
                say(tr("The platform did not take a change to a shared incident: %1 It stays on "
                       "this console.")
                        .arg(r.message));
            }
            refused_.insert(recordId);
            return true;
    }
    return true;
}

bool IncidentSyncWorker::pushIncident(const QString& id)
{
    const std::optional<Incident> local = store_.incident(id);
    if (!local || refused_.contains(id))
        return true;
    if (local->sync == SyncState::LocalOnly && !pushIncidentFields(*local))
        return false;
    if (!store_.syncRecord(SyncRecordKind::Incident, id).remoteRevision)
        return true;  // not on the platform (refused): its records cannot go either
    status_.lastSyncMs = QDateTime::currentMSecsSinceEpoch();
    return pushStatusUpdates(id) && pushEntries(id) && pushSections(id) && pushItems(id);
}

bool IncidentSyncWorker::pushIncidentFields(const Incident& local)
{
    const QString& id = local.id;
    SyncRecord rec = store_.syncRecord(SyncRecordKind::Incident, id);
    if (rec.remoteRevision == 0) {
        TimelineEntry declaration;
        for (const TimelineEntry& e : store_.timeline(id))
            if (e.id == declarationId(id))
                declaration = e;
        Incident stored;
        const IncidentCallResult r = calls_->declare(local, declaration, &stored);
        if (r.ok()) {
            store_.setSyncRecord(SyncRecordKind::Incident, id, id,
                                 record(stored.revision, incidentBase(stored)));
            store_.markIncidentSynced(id, local.revision);
            if (!declaration.id.isEmpty())
                store_.markEntrySynced(declaration.id, declaration.pinned);
            return true;
        }
        if (r.reason != QLatin1String("INCIDENT_ID_REUSED"))
            return carryOn(r, id);
        // Declared before with what it was then (an answer that was lost):
        // take the platform's version as the base and send the change.
        if (!fetch(id))
            return false;
        rec = store_.syncRecord(SyncRecordKind::Incident, id);
        if (rec.remoteRevision == 0)
            return true;
    }
    QVector<TimelineEntry> changeEntries;
    for (const TimelineEntry& e : store_.unsentEntries(id))
        if (isChangeEntry(e))
            changeEntries.append(e);
    Incident stored;
    const IncidentCallResult r = calls_->update(local, rec.remoteRevision, changeEntries, &stored);
    if (r.ok()) {
        store_.setSyncRecord(SyncRecordKind::Incident, id, id,
                             record(stored.revision, incidentBase(stored)));
        store_.markIncidentSynced(id, local.revision);
        for (const TimelineEntry& e : changeEntries)
            store_.markEntrySynced(e.id, e.pinned);
        return true;
    }
    if (r.kind != IncidentCallResult::Kind::Conflict && r.kind != IncidentCallResult::Kind::Refused)
        return carryOn(r, id);

    // Changed on the platform since (or refused as it stands): merge this
    // console's changes onto the platform's version, or take the platform's.
    IncidentSnapshot snap;
    const IncidentCallResult got = calls_->get(id, &snap);
    if (!got.ok())
        return carryOn(got, id);
    const Incident& theirs = snap.incident;
    Incident base = theirs;
    readIncidentBase(rec.base, &base);
    const Incident merged = mergeIncident(base, local, theirs);
    store_.setSyncRecord(SyncRecordKind::Incident, id, id,
                         record(theirs.revision, incidentBase(theirs)));
    if (r.kind == IncidentCallResult::Kind::Refused ||
        incidentBase(merged) == incidentBase(theirs)) {
        store_.applyRemoteIncident(theirs, SyncState::Synced);
        if (r.kind == IncidentCallResult::Kind::Refused)
            say(tr("The platform refused this console's change to \"%1\": %2 Its version is "
                   "shown now.")
                    .arg(theirs.title, r.message));
    } else {
        store_.applyRemoteIncident(merged, SyncState::LocalOnly);
        say(tr("\"%1\" was changed on another console (by %2) while it was changed here: "
               "both changes are kept; where both changed the same field, this console's "
               "value is sent.")
                .arg(theirs.title, snap.updatedBy.isEmpty() ? tr("someone") : snap.updatedBy));
        dirty_.insert(id);
    }
    applySnapshot(snap);
    emit owner_->changed(id);  // the incident itself was written above
    return true;
}

bool IncidentSyncWorker::pushStatusUpdates(const QString& id)
{
    for (const StatusUpdate& u : store_.unsentStatusUpdates(id)) {
        if (refused_.contains(u.id))
            continue;
        const IncidentCallResult r = calls_->addStatusUpdate(u);
        if (r.ok())
            store_.markStatusUpdateSynced(u.id);
        else if (!carryOn(r, u.id))
            return false;
    }
    return true;
}

bool IncidentSyncWorker::pushEntries(const QString& id)
{
    QVector<TimelineEntry> unsent;
    for (const TimelineEntry& e : store_.unsentEntries(id))
        if (e.kind != TimelineKind::StatusUpdate && !refused_.contains(e.id))
            unsent.append(e);
    auto sendBatch = [&](const QVector<TimelineEntry>& batch, IncidentCallResult* result) {
        QVector<TimelineEntry> stored;
        *result = calls_->append(id, batch, &stored);
        if (!result->ok())
            return false;
        for (int n = 0; n < batch.size(); ++n) {
            const TimelineEntry& mine = batch[n];
            if (n < stored.size() && stored[n].pinned != mine.pinned) {
                // Stored before with another pin: this console's pin is the newer.
                const IncidentCallResult pin = calls_->setPinned(id, mine.id, mine.pinned);
                if (!pin.ok()) {
                    *result = pin;
                    return false;
                }
            }
            store_.markEntrySynced(mine.id, mine.pinned);
        }
        return true;
    };
    for (qsizetype from = 0; from < unsent.size(); from += IncidentCalls::kMaxAppendBatch) {
        const QVector<TimelineEntry> batch = unsent.mid(from, IncidentCalls::kMaxAppendBatch);
        IncidentCallResult r;
        if (sendBatch(batch, &r))
            continue;
        if (r.kind != IncidentCallResult::Kind::Refused)
            return carryOn(r, id);
        // One invalid entry refuses its batch: send them one by one to keep
        // the rest.
        for (const TimelineEntry& e : batch) {
            IncidentCallResult one;
            if (!sendBatch({e}, &one) && !carryOn(one, e.id))
                return false;
        }
    }
    return true;
}

bool IncidentSyncWorker::pushSections(const QString& id)
{
    for (const PostmortemSection& s : store_.postmortem(id)) {
        if (s.revision == 0)
            continue;
        const QString sid = sectionId(id, s.key);
        const SyncRecord rec = store_.syncRecord(SyncRecordKind::Section, sid);
        if (rec.conflict || s.text == rec.base || refused_.contains(sid))
            continue;
        PostmortemSection stored;
        const IncidentCallResult r =
            calls_->saveSection(id, s.key, s.text, rec.remoteRevision, &stored);
        if (r.ok()) {
            store_.setSyncRecord(SyncRecordKind::Section, sid, id, record(stored.revision, s.text));
            continue;
        }
        if (r.kind != IncidentCallResult::Kind::Conflict) {
            if (!carryOn(r, sid))
                return false;
            continue;
        }
        // Saved elsewhere since: show theirs, overwrite nothing.
        IncidentSnapshot snap;
        const IncidentCallResult got = calls_->get(id, &snap);
        if (!got.ok())
            return carryOn(got, sid);
        for (const PostmortemSection& theirs : snap.sections) {
            if (theirs.key != s.key)
                continue;
            const bool same = theirs.text == s.text;
            store_.setSyncRecord(SyncRecordKind::Section, sid, id,
                                 record(theirs.revision, theirs.text, !same));
            if (!same)
                emit owner_->sectionConflict(theirs, s.text);
        }
    }
    return true;
}

bool IncidentSyncWorker::pushItems(const QString& id)
{
    QSet<QString> present;
    for (const ActionItem& item : store_.actionItems(id)) {
        present.insert(item.id);
        const SyncRecord rec = store_.syncRecord(SyncRecordKind::Item, item.id);
        const QString mine = actionItemBase(item);
        if (mine == rec.base || refused_.contains(item.id))
            continue;
        ActionItem stored;
        const IncidentCallResult r = calls_->upsertItem(item, rec.remoteRevision, &stored);
        if (r.ok()) {
            store_.setSyncRecord(SyncRecordKind::Item, item.id, id,
                                 record(stored.revision, actionItemBase(stored)));
            continue;
        }
        if (r.kind != IncidentCallResult::Kind::Conflict) {
            if (!carryOn(r, item.id))
                return false;
            continue;
        }
        // Changed on the platform since: the platform's is kept.
        store_.setSyncRecord(SyncRecordKind::Item, item.id, id, record(0, {}));
        if (!fetch(id))
            return false;
        say(tr("The action item \"%1\" was changed on another console at the same time; "
               "that change is kept here.")
                .arg(item.title));
    }
    for (const QString& itemId : store_.syncedItemIds(id)) {
        const SyncRecord rec = store_.syncRecord(SyncRecordKind::Item, itemId);
        if (present.contains(itemId) || rec.base == QLatin1String(kDeletedBase) ||
            rec.remoteRevision == 0)
            continue;
        const IncidentCallResult r = calls_->deleteItem(id, itemId, rec.remoteRevision);
        if (r.ok() || r.kind == IncidentCallResult::Kind::Refused) {
            store_.setSyncRecord(SyncRecordKind::Item, itemId, id,
                                 record(rec.remoteRevision, QString::fromLatin1(kDeletedBase)));
            continue;
        }
        if (r.kind != IncidentCallResult::Kind::Conflict)
            return carryOn(r, itemId);
        store_.setSyncRecord(SyncRecordKind::Item, itemId, id, record(0, {}));
        if (!fetch(id))  // changed elsewhere: it comes back
            return false;
    }
    return true;
}

bool IncidentSyncWorker::fetch(const QString& id)
{
    IncidentSnapshot snap;
    const IncidentCallResult r = calls_->get(id, &snap);
    if (r.ok()) {
        fetch_.remove(id);
        applySnapshot(snap);
        return true;
    }
    if (r.kind == IncidentCallResult::Kind::Unreachable)
        return carryOn(r, id);
    fetch_.remove(id);  // unknown or refused: nothing to read
    return true;
}

void IncidentSyncWorker::applySnapshot(const IncidentSnapshot& snap)
{
    const QString id = snap.incident.id;
    // The views reload only when something here changed (a re-read of an
    // incident already up to date, at every reconnect, changes nothing).
    bool changed = applyIncident(snap.incident);
    for (const TimelineEntry& e : snap.timeline)
        changed |= store_.applyRemoteEntry(e).outcome == WriteOutcome::Written;
    for (const StatusUpdate& u : snap.statusUpdates)
        changed |= store_.applyRemoteStatusUpdate(u).outcome == WriteOutcome::Written;
    for (const PostmortemSection& s : snap.sections)
        if (s.revision > 0)
            changed |= applySection(s);
    QSet<QString> present;
    for (const ActionItem& i : snap.actionItems) {
        present.insert(i.id);
        changed |= applyItem(i, false);
    }
    // Items the platform no longer lists were deleted there.
    for (const QString& itemId : store_.syncedItemIds(id)) {
        const SyncRecord rec = store_.syncRecord(SyncRecordKind::Item, itemId);
        if (!present.contains(itemId) && rec.remoteRevision > 0 &&
            rec.base != QLatin1String(kDeletedBase)) {
            ActionItem gone;
            gone.id = itemId;
            gone.incidentId = id;
            gone.revision = rec.remoteRevision + 1;
            changed |= applyItem(gone, true);
        }
    }
    status_.lastSyncMs = QDateTime::currentMSecsSinceEpoch();
    if (changed)
        emit owner_->changed(id);
}

void IncidentSyncWorker::recordIncident(const Incident& theirs)
{
    store_.setSyncRecord(SyncRecordKind::Incident, theirs.id, theirs.id,
                         record(theirs.revision, incidentBase(theirs)));
}

bool IncidentSyncWorker::applyIncident(const Incident& theirs)
{
    const SyncRecord rec = store_.syncRecord(SyncRecordKind::Incident, theirs.id);
    if (rec.exists && theirs.revision < rec.remoteRevision)
        return false;  // older than what is known
    const std::optional<Incident> local = store_.incident(theirs.id);
    if (local && local->sync == SyncState::LocalOnly) {
        // Changed here too: sending it merges (from the base it had).
        if (!rec.exists || rec.remoteRevision == 0)
            recordIncident(theirs);
        return false;
    }
    if (rec.exists && theirs.revision == rec.remoteRevision && local)
        return false;  // this console's own change coming back
    bool changed = false;
    if (!local || incidentBase(*local) != incidentBase(theirs))
        changed = store_.applyRemoteIncident(theirs, SyncState::Synced).ok();
    recordIncident(theirs);
    return changed;
}

bool IncidentSyncWorker::applySection(const PostmortemSection& theirs)
{
    const QString sid = sectionId(theirs.incidentId, theirs.key);
    const SyncRecord rec = store_.syncRecord(SyncRecordKind::Section, sid);
    if (rec.exists && theirs.revision <= rec.remoteRevision)
        return false;
    PostmortemSection mine;
    for (const PostmortemSection& s : store_.postmortem(theirs.incidentId))
        if (s.key == theirs.key)
            mine = s;
    if (mine.text == theirs.text) {
        store_.setSyncRecord(SyncRecordKind::Section, sid, theirs.incidentId,
                             record(theirs.revision, theirs.text));
        return false;
    }
    const bool clean = rec.exists ? mine.text == rec.base && !rec.conflict : mine.revision == 0;
    if (!clean)
        return false;  // edited here: sending it meets the conflict, shown then
    const bool changed = store_.applyRemoteSection(theirs).outcome == WriteOutcome::Written;
    store_.setSyncRecord(SyncRecordKind::Section, sid, theirs.incidentId,
                         record(theirs.revision, theirs.text));
    return changed;
}

bool IncidentSyncWorker::applyItem(const ActionItem& theirs, bool deleted)
{
    const SyncRecord rec = store_.syncRecord(SyncRecordKind::Item, theirs.id);
    if (rec.exists && rec.remoteRevision > 0 && theirs.revision <= rec.remoteRevision)
        return false;
    std::optional<ActionItem> mine;
    for (const ActionItem& a : store_.actionItems(theirs.incidentId))
        if (a.id == theirs.id)
            mine = a;
    const QString base = deleted ? QString::fromLatin1(kDeletedBase) : actionItemBase(theirs);
    bool clean = false;
    if (!rec.exists || rec.remoteRevision == 0)
        clean = !mine || actionItemBase(*mine) == base || rec.exists;
    else
        clean = mine ? actionItemBase(*mine) == rec.base : rec.base == QLatin1String(kDeletedBase);
    if (!clean)
        return false;  // changed here: sending it meets the conflict
    const bool changed =
        store_.applyRemoteActionItem(theirs, deleted).outcome == WriteOutcome::Written;
    store_.setSyncRecord(SyncRecordKind::Item, theirs.id, theirs.incidentId,
                         record(theirs.revision, base));
    return changed;
}

}  // namespace wf

#include "incident_controller.h"

#include "change_feed_client.h"
#include "declare_incident_dialog.h"
#include "health_store.h"
#include "incident_chart.h"
#include "incident_details_dialog.h"
#include "incident_impact.h"
#include "incident_list_model.h"
#include "incident_log.h"
#include "incident_sync.h"
#include "incidents_view.h"
#include "postmortem_editor.h"
#include "slo_evaluation.h"
#include "status_update_dialog.h"
#include "timeline_model.h"
#include "vendor_grid_model.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QSettings>
#include <QUuid>

#include <limits>

namespace wf {

namespace {

// A stable id for an automatic entry: the same incident and the same fact
// always give the same id.
QString entryId(const QString& incidentId, const QString& key)
{
    static const QUuid ns = QUuid::fromString(u"8d0f4a52-3a1e-4c3b-9a55-3b0e6f1c2d7e");
    return QUuid::createUuidV5(ns, incidentId + '|' + key).toString(QUuid::WithoutBraces);
}

// Changes shortly before an incident started are the likeliest triggers.
constexpr qint64 kWindowLeadMs = 30 * 60'000;
// How long the console remembers what it saw, for incidents declared later.
constexpr qint64 kObservedKeptMs = 24 * 3600'000LL;

bool holds(const Incident& incident, qint64 atMs)
{
    if (incident.status == IncidentStatus::Resolved)
        return false;
    const qint64 start = incident.milestones.startedMs.value_or(incident.declaredMs);
    return atMs >= start - kWindowLeadMs;
}

}  // namespace

IncidentController::IncidentController(QWidget* dialogParent, HealthStore* health, QObject* parent)
    : QObject(parent),
      dialogParent_(dialogParent),
      health_(health),
      log_(new IncidentLog(this)),
      sync_(new IncidentSync(this)),
      incidents_(new IncidentListModel(this)),
      timeline_(new TimelineModel(this)),
      view_(new IncidentsView(incidents_, timeline_)),
      postmortem_(new PostmortemEditor(log_)),
      reminder_(new QTimer(this))
{
    view_->setObjectName(QStringLiteral("incidentsView"));
    connect(log_, &IncidentLog::incidentsLoaded, incidents_, &IncidentListModel::setIncidents);
    connect(log_, &IncidentLog::incidentsLoaded, this, &IncidentController::backfillNewIncidents);
    view_->addPane(postmortem_, tr("&Postmortem"));
    postmortem_->setImpactSource(
        [this](const Incident& incident) { return impactFigures(incident); });
    postmortem_->setChartSource([this](const Incident& incident) {
        QVector<QImage> images;
        for (const IncidentChart& c : incidentChartData(*health_, incident, now()))
            images.append(renderIncidentChart(c));
        return images;
    });
    connect(postmortem_, &PostmortemEditor::exportRequested, this, [this](int format) {
        const QStringList suffixes{QStringLiteral("md"), QStringLiteral("html"),
                                   QStringLiteral("pdf")};
        const QString path = QFileDialog::getSaveFileName(
            dialogParent_, tr("Export the postmortem"),
            QDir::home().filePath(QStringLiteral("postmortem.%1").arg(suffixes.value(format))));
        if (!path.isEmpty())
            exportPostmortem(postmortem_->incidentId(), IncidentLog::ExportFormat(format), path);
    });
    connect(log_, &IncidentLog::exported, this,
            [this](bool, const QString& text) { emit message(text); });
    connect(
        log_, &IncidentLog::timelineLoaded, this,
        [this](const QString& id, const QVector<TimelineEntry>& entries) {
            if (id == view_->selectedIncidentId() || timeline_->incidentId().isEmpty())
                timeline_->setEntries(id, entries);
            // The postmortem opens on an incident once (reopening would
            // drop what is being typed); its prefill uses this timeline.
            const Incident* incident = incidents_->incident(id);
            if (incident && id == view_->selectedIncidentId() && postmortem_->incidentId() != id)
                postmortem_->open(*incident, entries, actor_);
            else if (incident)
                postmortem_->updateFacts(*incident, entries);
        });
    connect(log_, &IncidentLog::writeFailed, this, &IncidentController::message);
    connect(log_, &IncidentLog::opened, this, [this](bool ok, const QString& text) {
        if (!ok)
            emit message(tr("Incidents cannot be kept: %1").arg(text));
    });
    connect(view_, &IncidentsView::declareRequested, this, &IncidentController::requestDeclare);
    connect(view_, &IncidentsView::incidentSelected, log_, &IncidentLog::loadTimeline);
    connect(view_, &IncidentsView::severityChangeRequested, this, &IncidentController::setSeverity);
    connect(view_, &IncidentsView::statusChangeRequested, this, &IncidentController::setStatus);
    connect(view_, &IncidentsView::noteRequested, this, &IncidentController::addNote);
    connect(view_, &IncidentsView::pinRequested, log_, &IncidentLog::setPinned);
    connect(view_, &IncidentsView::detailsRequested, this, &IncidentController::requestDetails);
    connect(view_, &IncidentsView::statusUpdateRequested, this,
            &IncidentController::requestStatusUpdate);
    loadCadence();
    reminder_->setInterval(15'000);
    connect(reminder_, &QTimer::timeout, this, &IncidentController::checkStatusUpdateDue);
    connect(incidents_, &QAbstractItemModel::modelReset, this,
            &IncidentController::checkStatusUpdateDue);
    connect(incidents_, &QAbstractItemModel::dataChanged, this,
            &IncidentController::checkStatusUpdateDue);
    connect(timeline_, &QAbstractItemModel::modelReset, this,
            &IncidentController::checkStatusUpdateDue);
    reminder_->start();
    connect(health_, &HealthStore::statusesChanged, this, &IncidentController::checkAlerts);
    log_->setClock([this] { return now(); });

    // Sharing: what is written here goes to the platform; what others
    // write comes back into the same file and the views reload.
    connect(log_, &IncidentLog::written, sync_, &IncidentSync::nudge);
    connect(sync_, &IncidentSync::changed, this, [this](const QString& id) {
        log_->loadIncidents();
        if (id == view_->selectedIncidentId())
            log_->loadTimeline(id);
        if (id == postmortem_->incidentId())
            postmortem_->reload();
    });
    connect(sync_, &IncidentSync::statusChanged, this, [this](const IncidentSyncStatus& s) {
        view_->setSyncStatus(s.text(), s.state == IncidentSyncStatus::State::Unreachable ||
                                           s.state == IncidentSyncStatus::State::ReadOnly ||
                                           s.conflicts > 0);
    });
    connect(sync_, &IncidentSync::notice, this, &IncidentController::message);
    connect(sync_, &IncidentSync::sectionConflict, this,
            [this](const PostmortemSection& theirs, const QString& mine) {
                emit message(tr("%1 also edited the postmortem's \"%2\" on another console: "
                                "open the Postmortem to keep yours or take theirs.")
                                 .arg(theirs.updatedBy.isEmpty() ? tr("Someone") : theirs.updatedBy,
                                      postmortemSectionName(theirs.key)));
                postmortem_->showRemoteConflict(theirs, mine);
            });
    connect(postmortem_, &PostmortemEditor::remoteConflictResolved, sync_,
            &IncidentSync::resolveSectionConflict);
}

void IncidentController::open(const QString& path)
{
    log_->open(path);
    sync_->open(path);
}

void IncidentController::exportPostmortem(const QString& id, IncidentLog::ExportFormat format,
                                          const QString& path)
{
    // The charts' data is read here (the journey metrics live on this
    // thread); drawing and writing happen on the log's thread.
    const Incident* incident = incidents_->incident(id);
    if (!incident) {
        log_->exportPostmortem(id, format, path);
        return;
    }
    log_->exportPostmortem(id, format, path, incidentChartData(*health_, *incident, now()),
                           impactFigures(*incident));
}

void IncidentController::loadCadence()
{
    QSettings settings;
    for (Severity s : {Severity::Sev1, Severity::Sev2, Severity::Sev3, Severity::Sev4}) {
        const QString key = QStringLiteral("incidents/statusUpdateMinutes/%1").arg(severityName(s));
        bool ok = false;
        const int minutes = settings.value(key).toInt(&ok);
        if (ok && minutes >= 5 && minutes <= 7 * 24 * 60)
            cadence_.minutesFor(s) = minutes;
    }
}

void IncidentController::saveCadence()
{
    QSettings settings;
    for (Severity s : {Severity::Sev1, Severity::Sev2, Severity::Sev3, Severity::Sev4})
        settings.setValue(QStringLiteral("incidents/statusUpdateMinutes/%1").arg(severityName(s)),
                          cadence_.minutesFor(s));
}

QString IncidentController::impactFigures(const Incident& incident) const
{
    return incidentImpactText(computeIncidentImpact(*health_, incident, now()));
}

void IncidentController::setMayWrite(bool may, const QString& why)
{
    view_->setMayWrite(may, why);
    postmortem_->setReadOnly(!may, why);
}

void IncidentController::startSharing(const EndpointConfig& config)
{
    sync_->start(config);
}

void IncidentController::stopSharing()
{
    sync_->stop();
}

QVector<QPair<QString, QString>> IncidentController::catalogJourneys() const
{
    QVector<QPair<QString, QString>> out;
    for (const auto& j : health_->catalog().journeys)
        out.append({j.id, j.displayName});
    return out;
}

qint64 IncidentController::now() const
{
    // Platform time when the platform has spoken, else this machine's.
    const qint64 platform = health_->latestMs();
    return platform > 0 ? platform : QDateTime::currentMSecsSinceEpoch();
}

void IncidentController::requestDeclare()
{
    DeclareIncidentDialog dialog(catalogJourneys(), health_->catalog().regions, actor_, now(),
                                 dialogParent_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    view_->selectIncident(declare(dialog.incident()));
}

QString IncidentController::declare(Incident incident)
{
    incident.id = newIncidentRecordId();
    incident.declaredMs = now();
    // Detected when the first of the affected journeys' current alerts
    // fired (now, if none is alerting); acknowledged now, by declaring it.
    // Impact began no later than it was detected (or when the declarer
    // says it did).
    Milestones& m = incident.milestones;
    if (m.startedMs && *m.startedMs > incident.declaredMs)
        m.startedMs.reset();
    if (!m.detectedMs || *m.detectedMs > incident.declaredMs) {
        qint64 detected = alertingSince(incident).value_or(incident.declaredMs);
        if (m.startedMs)  // a start the declarer gave is kept; detection is not before it
            detected = std::max(detected, *m.startedMs);
        m.detectedMs = detected;
    }
    if (!m.startedMs || *m.startedMs > *m.detectedMs)
        m.startedMs = *m.detectedMs;
    m.acknowledgedMs = incident.declaredMs;
    // Whoever declares it commands it until they hand it over.
    if (incident.roles.commander.trimmed().isEmpty())
        incident.roles.commander = actor_;
    log_->declare(incident, actor_.isEmpty() ? QStringLiteral("console") : actor_);
    // What the console saw before anyone declared it: the deploy, the flag
    // change, the alert that fired.
    backfilled_.insert(incident.id);
    backfill(incident, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
    emit message(tr("Declared %1: %2").arg(severityName(incident.severity), incident.title));
    return incident.id;
}

void IncidentController::requestDetails(const QString& id)
{
    const Incident* found = incidents_->incident(id);
    if (!found)
        return;
    // A copy: the list may be reloaded while the dialog is open.
    const Incident current = *found;
    IncidentDetailsDialog dialog(current, now(), catalogJourneys(), health_->catalog().regions,
                                 dialogParent_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Incident changed = dialog.incident();
    if (changed.roles != current.roles || !(changed.milestones == current.milestones) ||
        changed.title != current.title || changed.journeys != current.journeys ||
        changed.regions != current.regions)
        log_->update(changed, actor_);
    // Started moved earlier: what happened in the newly covered time lands too.
    const qint64 before = current.milestones.startedMs.value_or(current.declaredMs);
    const qint64 after = changed.milestones.startedMs.value_or(changed.declaredMs);
    if (after < before)
        backfill(changed, after - kWindowLeadMs, before - kWindowLeadMs);
}

void IncidentController::setSeverity(const QString& id, Severity severity)
{
    const Incident* current = incidents_->incident(id);
    if (!current || current->severity == severity)
        return;
    Incident changed = *current;
    changed.severity = severity;
    log_->update(changed, actor_);
}

void IncidentController::setStatus(const QString& id, IncidentStatus status)
{
    const Incident* current = incidents_->incident(id);
    if (!current || current->status == status)
        return;
    Incident changed = *current;
    changed.status = status;
    // The milestones a status means, at the moment it is set.
    const qint64 t = now();
    if ((status == IncidentStatus::Mitigated || status == IncidentStatus::Resolved) &&
        !changed.milestones.mitigatedMs)
        changed.milestones.mitigatedMs = t;
    if (status == IncidentStatus::Resolved)
        changed.milestones.resolvedMs = t;
    else
        changed.milestones.resolvedMs.reset();
    if (status == IncidentStatus::Investigating || status == IncidentStatus::Identified)
        changed.milestones.mitigatedMs.reset();
    log_->update(changed, actor_);
}

void IncidentController::addNote(const QString& id, const QString& text)
{
    TimelineEntry e;
    e.id = newIncidentRecordId();
    e.incidentId = id;
    e.kind = TimelineKind::Note;
    e.source = actor_.isEmpty() ? QStringLiteral("console") : actor_;
    e.atMs = now();
    e.text = text;
    log_->addEntry(e);
}

void IncidentController::record(TimelineKind kind, const QString& key, qint64 atMs,
                                const QString& source, const QString& text, const QString& outcome)
{
    const ObservedFact fact{kind, key, atMs > 0 ? atMs : now(), source, text, outcome};
    // Known already (a feed's snapshot again after a reconnect): it was
    // written then to every incident holding it, and later ones by backfill.
    if (observed_.contains(key))
        return;
    const qint64 t = now();
    const qint64 keepFrom = t - kObservedKeptMs;
    if (t - prunedAtMs_ > 60'000) {  // at most once a minute
        prunedAtMs_ = t;
        observed_.removeIf([keepFrom](const auto& it) { return it.value().atMs < keepFrom; });
    }
    if (fact.atMs >= keepFrom)
        observed_.insert(key, fact);
    for (int row = 0; row < incidents_->rowCount(); ++row)
        if (holds(incidents_->at(row), fact.atMs))
            log_->addEntry(entryFor(incidents_->at(row), fact));
}

TimelineEntry IncidentController::entryFor(const Incident& incident, const ObservedFact& fact)
{
    TimelineEntry e;
    e.id = entryId(incident.id, fact.key);
    e.incidentId = incident.id;
    e.kind = fact.kind;
    e.source = fact.source;
    e.atMs = fact.atMs;
    e.text = fact.text;
    e.outcome = fact.outcome;
    return e;
}

void IncidentController::backfill(const Incident& incident, qint64 fromMs, qint64 toMs)
{
    QVector<TimelineEntry> entries;
    for (const ObservedFact& fact : std::as_const(observed_))
        if (fact.atMs >= fromMs && fact.atMs < toMs && holds(incident, fact.atMs))
            entries.append(entryFor(incident, fact));
    if (!entries.isEmpty())
        log_->addEntries(entries);
}

void IncidentController::backfillNewIncidents(const QVector<Incident>& incidents)
{
    for (const Incident& incident : incidents) {
        if (incident.status == IncidentStatus::Resolved || backfilled_.contains(incident.id))
            continue;
        backfilled_.insert(incident.id);
        backfill(incident, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
    }
}

void IncidentController::rememberDeploys(const QVector<Deploy>& deploys, qint64 platformTimeMs)
{
    // The snapshot a (re)connected feed starts from: what happened while
    // this console was not looking.
    for (const Deploy& d : deploys)
        if (d.startedMs >= platformTimeMs - kObservedKeptMs)
            onDeploy(d);
}

void IncidentController::rememberFlags(const QVector<Flag>& flags)
{
    for (const Flag& f : flags)
        for (const FlagState& st : f.states) {
            if (st.changedMs <= 0 || st.changedMs < now() - kObservedKeptMs)
                continue;
            FlagChangeEvent c;
            c.flag = f;
            c.environment = st.environment;
            c.region = st.region;
            c.enabled = st.enabled;
            c.actor = st.changedBy;
            c.changedMs = st.changedMs;
            onFlagChange(c);
        }
}

void IncidentController::onDeploy(const Deploy& d)
{
    record(TimelineKind::Deploy, QStringLiteral("deploy|%1|%2").arg(d.id).arg(int(d.status)),
           d.startedMs, QStringLiteral("deploy feed"),
           tr("Deploy %1 %2 in %3 by %4: %5")
               .arg(d.service, d.version, d.region, d.author, deployStatusName(d.status)));
}

void IncidentController::onFlagChange(const FlagChangeEvent& c)
{
    record(TimelineKind::FlagChange,
           QStringLiteral("flag|%1|%2|%3|%4")
               .arg(c.flag.key, c.environment, c.region)
               .arg(c.changedMs),
           c.changedMs, QStringLiteral("flag feed"),
           tr("Flag %1 switched %2 in %3/%4 by %5%6")
               .arg(c.flag.key, c.enabled ? tr("on") : tr("off"), c.environment, c.region, c.actor,
                    c.reason.isEmpty() ? QString() : tr(": %1").arg(c.reason)));
}

void IncidentController::watchActions(ActionExecutor* executor)
{
    connect(executor, &ActionExecutor::actionUpdated, this, &IncidentController::onActionUpdated);
}

void IncidentController::onActionUpdated(const ActionOutcome& o)
{
    if (o.state == ActionOutcome::State::Pending)
        return;
    QString outcome;
    if (o.state == ActionOutcome::State::Failed)
        outcome = tr("failed: %1").arg(o.message);
    else if (o.approval && o.approval->state == ApprovalState::Pending)
        outcome = tr("held for a second person's approval");
    else
        outcome = o.replayed ? tr("confirmed (replayed)") : tr("confirmed");
    const QString who = o.actor.isEmpty() ? actor_ : o.actor;
    record(TimelineKind::ConsoleAction,
           QStringLiteral("action|%1|%2").arg(o.request.idempotencyKey).arg(int(o.state)),
           o.appliedMs, who.isEmpty() ? QStringLiteral("console") : who,
           tr("%1 — reason: %2").arg(o.request.summary, o.request.reason), outcome);
}

void IncidentController::watchChanges(DeployFeedClient* deploys, FlagFeedClient* flags,
                                      VendorFeedClient* vendors, VendorGridModel* vendorModel)
{
    vendorModel_ = vendorModel;
    connect(deploys, &DeployFeedClient::deploysLoaded, this, &IncidentController::rememberDeploys,
            Qt::QueuedConnection);
    connect(deploys, &DeployFeedClient::deployChanged, this, &IncidentController::onDeploy,
            Qt::QueuedConnection);
    connect(flags, &FlagFeedClient::flagsLoaded, this, &IncidentController::rememberFlags,
            Qt::QueuedConnection);
    connect(flags, &FlagFeedClient::flagChanged, this, &IncidentController::onFlagChange,
            Qt::QueuedConnection);
    // Vendor events come from the grid model's history, after it has taken
    // the change (this connection is made after the model's).
    const auto vendorEvents = [this] {
        if (!vendorModel_)
            return;
        for (const VendorEvent& e :
             vendorModel_->history().eventsBetween(vendorEventsSeenMs_ + 1, now() + 60'000)) {
            vendorEventsSeenMs_ = std::max(vendorEventsSeenMs_, e.atMs);
            if (e.probe)
                continue;
            record(TimelineKind::VendorStatusChange,
                   QStringLiteral("vendor|%1|%2|%3").arg(e.vendorId, e.region).arg(e.atMs), e.atMs,
                   QStringLiteral("vendor feed"), e.text);
        }
    };
    connect(vendors, &VendorFeedClient::vendorChanged, this, vendorEvents, Qt::QueuedConnection);
    connect(vendors, &VendorFeedClient::routingChanged, this, vendorEvents, Qt::QueuedConnection);
}

void IncidentController::checkAlerts()
{
    // Journeys crossing page or ticket level (either way), per region.
    for (int j = 0; j < health_->journeyCount(); ++j) {
        for (int r = 0; r < health_->regionCount(); ++r) {
            const AlertLevel level = health_->status(j, r).level;
            // Unknown (too little recent data) is no crossing: a journey that
            // pages on both sides of a short gap crossed nothing.
            if (level == AlertLevel::Unknown)
                continue;
            const QString key =
                health_->catalog().journeys[j].id + '/' + health_->catalog().regions.value(r);
            // A copy: the insert below overwrites what an iterator would see.
            const int previous = alertLevels_.value(key, -1);
            alertLevels_.insert(key, int(level));
            const qint64 at = health_->latestMs();
            const bool alerting = level == AlertLevel::Ticket || level == AlertLevel::Page;
            if (!alerting)
                alertSince_.remove(key);
            else if (!alertSince_.contains(key))
                alertSince_.insert(key, at);
            if (previous < 0 || AlertLevel(previous) == level)
                continue;
            record(TimelineKind::AlertCrossing,
                   QStringLiteral("alert|%1|%2|%3").arg(key).arg(int(level)).arg(at), at,
                   QStringLiteral("alert evaluator"),
                   tr("%1 in %2: %3 → %4")
                       .arg(health_->catalog().journeys[j].displayName,
                            health_->catalog().regions.value(r),
                            alertLevelName(AlertLevel(previous)), alertLevelName(level)));
        }
    }
}

std::optional<qint64> IncidentController::alertingSince(const Incident& incident) const
{
    // Only the journeys the declarer named (none named: no guess), and only
    // alerts that began in the last 6 hours: a ticket open for a day on
    // another journey is not how this incident was found.
    if (incident.journeys.isEmpty())
        return std::nullopt;
    const qint64 earliest = incident.declaredMs - 6 * 3600'000LL;
    std::optional<qint64> first;
    forEachAffectedSeries(*health_, incident, [&](int j, int r) {
        const auto since = alertSince_.constFind(health_->catalog().journeys[j].id + '/' +
                                                 health_->catalog().regions.value(r));
        if (since != alertSince_.constEnd() && *since >= earliest && (!first || *since < *first))
            first = *since;
    });
    return first;
}

void IncidentController::requestStatusUpdate(const QString& id)
{
    const Incident* incident = incidents_->incident(id);
    if (!incident)
        return;
    const QVector<TimelineEntry> timeline =
        timeline_->incidentId() == id ? timeline_->all() : QVector<TimelineEntry>{};
    const Severity severity = incident->severity;
    StatusUpdateDialog dialog(*incident, prefillStatusUpdate(*incident, timeline, now(), cadence_),
                              now(), cadence_.minutesFor(severity), dialogParent_);
    const bool post = dialog.exec() == QDialog::Accepted;
    if (dialog.everyMinutes() != cadence_.minutesFor(severity)) {
        cadence_.minutesFor(severity) = dialog.everyMinutes();
        saveCadence();
    }
    if (post)
        postStatusUpdate(id, dialog.draft());
    checkStatusUpdateDue();
}

void IncidentController::postStatusUpdate(const QString& id, const StatusUpdateDraft& draft)
{
    const Incident* incident = incidents_->incident(id);
    if (!incident)
        return;
    StatusUpdate u;
    u.id = newIncidentRecordId();
    u.incidentId = id;
    u.atMs = now();
    u.author = actor_.isEmpty() ? QStringLiteral("console") : actor_;
    u.status = incident->status;
    u.text = statusUpdatePlainText(*incident, draft, u.atMs);
    log_->addStatusUpdate(u);
    overdueSaid_.clear();
    emit message(tr("Status update posted to the timeline of %1.").arg(incident->title));
}

void IncidentController::checkStatusUpdateDue()
{
    const QString id = view_->selectedIncidentId();
    const Incident* incident = incidents_->incident(id);
    if (!incident || timeline_->incidentId() != id) {
        view_->setStatusUpdateDue(QString(), false);
        return;
    }
    const std::optional<qint64> due = statusUpdateDueMs(*incident, timeline_->all(), cadence_);
    if (!due) {
        view_->setStatusUpdateDue(QString(), false);
        return;
    }
    const qint64 t = now();
    const QString at =
        QDateTime::fromMSecsSinceEpoch(*due, Qt::UTC).toString(QStringLiteral("HH:mm"));
    const qint64 everyMin = cadence_.intervalMs(incident->severity) / 60'000;
    if (t >= *due) {
        view_->setStatusUpdateDue(tr("Status update overdue since %1 UTC (%2: every %3 min).")
                                      .arg(at, severityName(incident->severity))
                                      .arg(everyMin),
                                  true);
        if (overdueSaid_ != id) {
            overdueSaid_ = id;
            emit message(tr("A status update for %1 is due.").arg(incident->title));
        }
    } else {
        view_->setStatusUpdateDue(tr("Next status update due at %1 UTC (%2: every %3 min).")
                                      .arg(at, severityName(incident->severity))
                                      .arg(everyMin),
                                  false);
    }
}

}  // namespace wf

#include "incident_log.h"

#include "postmortem_export.h"
#include "postmortem_prefill.h"

#include <QDir>
#include <QSet>
#include <QStandardPaths>

namespace wf {

class IncidentLogWorker : public QObject {
public:
    IncidentStore store;
};

IncidentLog::IncidentLog(QObject* parent) : QObject(parent), worker_(new IncidentLogWorker)
{
    qRegisterMetaType<wf::Incident>();
    qRegisterMetaType<QVector<wf::Incident>>();
    qRegisterMetaType<QVector<wf::TimelineEntry>>();
    qRegisterMetaType<QVector<wf::PostmortemSection>>();
    qRegisterMetaType<wf::PostmortemSave>();
    qRegisterMetaType<QVector<wf::ActionItem>>();
    qRegisterMetaType<QVector<wf::TrendIncident>>();
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.setObjectName(QStringLiteral("incident-log"));
    thread_.start();
}

IncidentLog::~IncidentLog()
{
    QMetaObject::invokeMethod(
        worker_, [w = worker_] { w->store.close(); }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
}

QString IncidentLog::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/incidents.sqlite");
}

void IncidentLog::open(const QString& path)
{
    QMetaObject::invokeMethod(worker_, [this, path] {
        QString error;
        const bool ok = worker_->store.open(path, &error);
        emit opened(ok, ok ? path : error);
        if (ok)
            emit incidentsLoaded(worker_->store.listIncidents());
    });
}

void IncidentLog::setClock(std::function<qint64()> clock)
{
    QMetaObject::invokeMethod(worker_, [this, clock] { worker_->store.setClock(clock); });
}

void IncidentLog::afterWrite(const WriteResult& result, const QString& incidentId)
{
    // On the worker thread.
    if (!result.ok())
        emit writeFailed(result.message);
    else if (!incidentId.isEmpty())
        emit written(incidentId);
    emit incidentsLoaded(worker_->store.listIncidents());
    if (!incidentId.isEmpty())
        emit timelineLoaded(incidentId, worker_->store.timeline(incidentId));
}

void IncidentLog::declare(const Incident& incident, const QString& source)
{
    QMetaObject::invokeMethod(worker_, [this, incident, source] {
        afterWrite(worker_->store.createIncident(incident, source), incident.id);
    });
}

void IncidentLog::update(const Incident& incident, const QString& source)
{
    QMetaObject::invokeMethod(worker_, [this, incident, source] {
        afterWrite(worker_->store.updateIncident(incident, source), incident.id);
    });
}

void IncidentLog::addEntries(const QVector<TimelineEntry>& entries)
{
    QMetaObject::invokeMethod(worker_, [this, entries] {
        QSet<QString> written;
        for (const TimelineEntry& entry : entries) {
            const WriteResult r = worker_->store.addTimelineEntry(entry);
            if (!r.ok())
                emit writeFailed(r.message);
            if (r.outcome == WriteOutcome::Written)
                written.insert(entry.incidentId);
        }
        for (const QString& incidentId : std::as_const(written)) {
            emit this->written(incidentId);
            emit timelineLoaded(incidentId, worker_->store.timeline(incidentId));
        }
    });
}

void IncidentLog::addEntry(const TimelineEntry& entry)
{
    QMetaObject::invokeMethod(worker_, [this, entry] {
        const WriteResult r = worker_->store.addTimelineEntry(entry);
        if (!r.ok())
            emit writeFailed(r.message);
        if (r.outcome == WriteOutcome::Written) {
            emit written(entry.incidentId);
            emit timelineLoaded(entry.incidentId, worker_->store.timeline(entry.incidentId));
        }
    });
}

void IncidentLog::addStatusUpdate(const StatusUpdate& update)
{
    QMetaObject::invokeMethod(worker_, [this, update] {
        afterWrite(worker_->store.addStatusUpdate(update), update.incidentId);
    });
}

void IncidentLog::setPinned(const QString& incidentId, const QString& entryId, bool pinned)
{
    QMetaObject::invokeMethod(worker_, [this, incidentId, entryId, pinned] {
        const WriteResult r = worker_->store.setPinned(entryId, pinned);
        if (!r.ok())
            emit writeFailed(r.message);
        else
            emit written(incidentId);
        emit timelineLoaded(incidentId, worker_->store.timeline(incidentId));
    });
}

void IncidentLog::savePostmortemSection(const QString& incidentId, PostmortemSectionKey key,
                                        const QString& text, qint64 expectedRevision,
                                        const QString& author)
{
    QMetaObject::invokeMethod(worker_, [=, this] {
        const PostmortemSave save =
            worker_->store.savePostmortemSection(incidentId, key, text, expectedRevision, author);
        if (save.result.outcome == WriteOutcome::Written)
            emit written(incidentId);
        emit sectionSaved(save);
    });
}

void IncidentLog::loadPostmortem(const QString& incidentId)
{
    QMetaObject::invokeMethod(worker_, [this, incidentId] {
        emit postmortemLoaded(incidentId, worker_->store.postmortem(incidentId));
    });
}

void IncidentLog::addActionItem(const ActionItem& item)
{
    QMetaObject::invokeMethod(worker_, [this, item] {
        afterItemWrite(worker_->store.addActionItem(item), item.incidentId);
    });
}

void IncidentLog::updateActionItem(const ActionItem& item)
{
    QMetaObject::invokeMethod(worker_, [this, item] {
        afterItemWrite(worker_->store.updateActionItem(item), item.incidentId);
    });
}

void IncidentLog::removeActionItem(const QString& incidentId, const QString& itemId)
{
    QMetaObject::invokeMethod(worker_, [this, incidentId, itemId] {
        afterItemWrite(worker_->store.removeActionItem(itemId), incidentId);
    });
}

void IncidentLog::loadActionItems(const QString& incidentId)
{
    QMetaObject::invokeMethod(worker_, [this, incidentId] {
        emit actionItemsLoaded(incidentId, worker_->store.actionItems(incidentId));
    });
}

void IncidentLog::afterItemWrite(const WriteResult& result, const QString& incidentId)
{
    // On the worker thread.
    if (!result.ok())
        emit writeFailed(result.message);
    else if (result.outcome == WriteOutcome::Written)
        emit written(incidentId);
    emit actionItemsLoaded(incidentId, worker_->store.actionItems(incidentId));
}

void IncidentLog::exportPostmortem(const QString& incidentId, ExportFormat format,
                                   const QString& path, const QVector<IncidentChart>& charts,
                                   const QString& impactFigures)
{
    QMetaObject::invokeMethod(worker_, [this, incidentId, format, path, charts, impactFigures] {
        QString error;
        const std::optional<Incident> incident = worker_->store.incident(incidentId, &error);
        if (!incident) {
            emit exported(false,
                          error.isEmpty() ? tr("That incident is not in this store.") : error);
            return;
        }
        IncidentStore& store = worker_->store;
        PostmortemDocument doc{
            *incident,
            postmortemSectionsForExport(store.postmortem(incidentId), *incident,
                                        store.timeline(incidentId), impactFigures),
            store.actionItems(incidentId),
            {}};
        for (const IncidentChart& c : charts)
            doc.charts.append({c.title, renderIncidentChart(c), {}});
        bool ok = false;
        switch (format) {
            case ExportFormat::Pdf: ok = writePostmortemPdf(doc, path, &error); break;
            case ExportFormat::Markdown: ok = writePostmortemMarkdown(doc, path, &error); break;
            case ExportFormat::Html: ok = writePostmortemHtml(doc, path, &error); break;
        }
        emit exported(ok, ok ? tr("Postmortem written to %1.").arg(path) : error);
    });
}

void IncidentLog::loadIncidents()
{
    QMetaObject::invokeMethod(worker_,
                              [this] { emit incidentsLoaded(worker_->store.listIncidents()); });
}

void IncidentLog::loadTrendIncidents(qint64 fromMs, qint64 toMs)
{
    QMetaObject::invokeMethod(worker_, [this, fromMs, toMs] {
        IncidentFilter filter;
        filter.declaredFromMs = fromMs;
        filter.declaredBeforeMs = toMs;
        QVector<TrendIncident> out;
        IncidentStore& store = worker_->store;
        for (const Incident& i : store.listIncidents(filter))
            out.append(trendIncident(i, store.postmortem(i.id), store.timeline(i.id),
                                     store.actionItems(i.id)));
        emit trendIncidentsLoaded(fromMs, toMs, out);
    });
}

void IncidentLog::loadTimeline(const QString& incidentId)
{
    QMetaObject::invokeMethod(worker_, [this, incidentId] {
        emit timelineLoaded(incidentId, worker_->store.timeline(incidentId));
    });
}

void IncidentLog::flush()
{
    QMetaObject::invokeMethod(
        worker_, [] {}, Qt::BlockingQueuedConnection);
}

}  // namespace wf

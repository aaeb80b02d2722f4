#pragma once

// The incident store as the UI uses it: an IncidentStore on its own thread,
// so the UI never waits on the disk. Every write answers with the refreshed
// incident list and the affected incident's timeline.

#include "incident_chart.h"
#include "incident_store.h"
#include "trend_metrics.h"

#include <QObject>
#include <QThread>

namespace wf {

class IncidentLogWorker;

class IncidentLog : public QObject {
    Q_OBJECT
public:
    explicit IncidentLog(QObject* parent = nullptr);
    ~IncidentLog() override;

    // Default: <app data>/incidents.sqlite
    static QString defaultPath();

    void open(const QString& path);
    // Platform time for the store's own entries and milestone checks.
    void setClock(std::function<qint64()> clock);
    void declare(const Incident& incident, const QString& source);
    void update(const Incident& incident, const QString& source);
    void addEntry(const TimelineEntry& entry);
    // Many entries at once (a backfill): one reload of the timeline after them.
    void addEntries(const QVector<TimelineEntry>& entries);
    // Also writes its timeline entry (same id).
    void addStatusUpdate(const StatusUpdate& update);
    void setPinned(const QString& incidentId, const QString& entryId, bool pinned);
    // Saves one postmortem section if the stored revision is still
    // `expectedRevision`; the answer (saved, or the conflict) comes as
    // sectionSaved.
    void savePostmortemSection(const QString& incidentId, PostmortemSectionKey key,
                               const QString& text, qint64 expectedRevision, const QString& author);
    void loadPostmortem(const QString& incidentId);
    // Action items; each write answers with actionItemsLoaded.
    void addActionItem(const ActionItem& item);
    void updateActionItem(const ActionItem& item);
    void removeActionItem(const QString& incidentId, const QString& itemId);
    void loadActionItems(const QString& incidentId);
    enum class ExportFormat { Markdown, Html, Pdf };
    // Writes the postmortem to `path`: the sections as saved so far, and
    // those nobody has saved yet as prefilled (marked as not reviewed). The
    // answer comes as exported. Off the UI thread, like everything here.
    // `charts`: the affected journeys' data (incidentChartData, read on the
    // UI thread), drawn here; `impactFigures`: the Impact section's figures
    // (incidentImpactText, also read on the UI thread).
    void exportPostmortem(const QString& incidentId, ExportFormat format, const QString& path,
                          const QVector<IncidentChart>& charts = {},
                          const QString& impactFigures = {});
    void loadIncidents();
    // Every incident declared in [fromMs, toMs) with what the trends need
    // (its cause, factors, service, deploy-naming text, action items).
    void loadTrendIncidents(qint64 fromMs, qint64 toMs);
    void loadTimeline(const QString& incidentId);
    // Blocks until every queued request is done (shutdown, tests).
    void flush();

signals:
    void opened(bool ok, const QString& message);
    void incidentsLoaded(const QVector<wf::Incident>& incidents);
    void timelineLoaded(const QString& incidentId, const QVector<wf::TimelineEntry>& entries);
    void postmortemLoaded(const QString& incidentId, const QVector<wf::PostmortemSection>& s);
    void sectionSaved(const wf::PostmortemSave& save);
    void actionItemsLoaded(const QString& incidentId, const QVector<wf::ActionItem>& items);
    void trendIncidentsLoaded(qint64 fromMs, qint64 toMs,
                              const QVector<wf::TrendIncident>& incidents);
    void exported(bool ok, const QString& message);
    // A write the store refused or could not make, in words.
    void writeFailed(const QString& message);
    // Something of this incident was written (to share it with the platform).
    void written(const QString& incidentId);

private:
    void afterWrite(const WriteResult& result, const QString& incidentId);
    void afterItemWrite(const WriteResult& result, const QString& incidentId);

    QThread thread_;
    IncidentLogWorker* worker_;
};

}  // namespace wf

Q_DECLARE_METATYPE(wf::PostmortemSave)
Q_DECLARE_METATYPE(QVector<wf::ActionItem>)
Q_DECLARE_METATYPE(QVector<wf::TrendIncident>)

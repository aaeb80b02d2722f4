#pragma once

// One incident's timeline, oldest first: when, what kind, its source, the
// text and (for console actions) the outcome; pinned entries marked. A kind
// filter narrows it without another read.

#include "incident_types.h"

#include <QAbstractTableModel>

namespace wf {

class TimelineModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, KindColumn, SourceColumn, TextColumn, ColumnCount };
    enum Role { EntryIdRole = Qt::UserRole + 1, PinnedRole, KindRole };

    explicit TimelineModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void setEntries(const QString& incidentId, const QVector<TimelineEntry>& entries);
    QString incidentId() const { return incidentId_; }
    // Empty: every kind.
    void setKindFilter(const QVector<TimelineKind>& kinds);
    const TimelineEntry& at(int row) const { return shown_[row]; }
    const QVector<TimelineEntry>& all() const { return all_; }

private:
    void rebuild();

    QString incidentId_;
    QVector<TimelineEntry> all_;
    QVector<TimelineEntry> shown_;
    QVector<TimelineKind> kinds_;
};

}  // namespace wf

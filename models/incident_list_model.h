#pragma once

// Incidents, most recently declared first: severity, title, status, when
// declared and who commands. Open SEV-1/SEV-2 stand out.

#include "incident_types.h"

#include <QAbstractTableModel>

namespace wf {

class IncidentListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SeverityColumn,
        TitleColumn,
        StatusColumn,
        DeclaredColumn,
        CommanderColumn,
        ColumnCount
    };
    enum Role { IncidentIdRole = Qt::UserRole + 1 };

    explicit IncidentListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    // Replaces the list, keeping rows that did not change in place.
    void setIncidents(const QVector<Incident>& incidents);
    const Incident* incident(const QString& id) const;
    const Incident& at(int row) const { return rows_[row]; }
    int rowOf(const QString& id) const;
    // The newest incident that is not resolved, if any.
    const Incident* activeIncident() const;

private:
    QVector<Incident> rows_;
};

}  // namespace wf

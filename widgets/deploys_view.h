#pragma once

// Recent and in-flight deploys, filterable by text, service and region, with
// "Roll back…" for the selected deploy when the role allows it.

#include "change_types.h"
#include "connection_status.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace wf {

class FeedStatusLabel;
class DeployListModel;
class RecordFilterModel;
class RecordTableView;

class DeploysView : public QWidget {
    Q_OBJECT
public:
    explicit DeploysView(DeployListModel* model, QWidget* parent = nullptr);

    void setMayRollback(bool may, const QString& why);
    void setServicesAndRegions(const QStringList& services, const QStringList& regions);
    void setFilterText(const QString& text);
    // The feed's state: the view says when its data is not live, and why.
    void setFeedStatus(const ConnectionStatus& status);
    void selectDeploy(const QString& id);
    QString selectedDeployId() const;
    RecordTableView* table() const { return table_; }
    RecordFilterModel* filterModel() const { return proxy_; }
    QPushButton* rollbackButton() const { return rollback_; }

signals:
    void rollbackRequested(const wf::Deploy& deploy);

private:
    void updateButton();

    DeployListModel* model_;
    RecordFilterModel* proxy_;
    QLineEdit* filter_;
    QComboBox* service_;
    QComboBox* region_;
    RecordTableView* table_;
    QPushButton* rollback_;
    QLabel* count_;
    FeedStatusLabel* feed_;
    bool mayRollback_ = false;
    QString whyNot_;
};

}  // namespace wf

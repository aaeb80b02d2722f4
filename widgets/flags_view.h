#pragma once

// Feature flags and kill switches, filterable by text and kind, with
// "Change state…" for the selected flag when the role allows it.

#include "change_types.h"
#include "connection_status.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace wf {

class FeedStatusLabel;
class FlagListModel;
class RecordFilterModel;
class RecordTableView;

class FlagsView : public QWidget {
    Q_OBJECT
public:
    explicit FlagsView(FlagListModel* model, QWidget* parent = nullptr);

    // What the session may do: flags.set and flags.set.kill_switch.
    void setPermissions(bool maySet, bool mayKillSwitch, const QString& role);
    void setFilterText(const QString& text);
    // The feed's state: the view says when its data is not live, and why.
    void setFeedStatus(const ConnectionStatus& status);
    void selectFlag(const QString& key);
    QString selectedFlagKey() const;
    RecordTableView* table() const { return table_; }
    RecordFilterModel* filterModel() const { return proxy_; }
    QPushButton* changeButton() const { return change_; }

signals:
    void changeRequested(const wf::Flag& flag);

private:
    void updateButton();

    FlagListModel* model_;
    RecordFilterModel* proxy_;
    QLineEdit* filter_;
    QComboBox* kind_;
    RecordTableView* table_;
    QPushButton* change_;
    QLabel* count_;
    FeedStatusLabel* feed_;
    bool maySet_ = false;
    bool mayKillSwitch_ = false;
    QString role_;
};

}  // namespace wf

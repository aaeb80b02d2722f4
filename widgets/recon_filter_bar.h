#pragma once

// The reconciliation queue's filter: type, status, provider, region,
// currency, amount range (in the currency's major unit), age, assignee and a
// search over order ids and provider references. Emits the whole filter
// whenever it changes (typing is debounced), or says what is wrong with it.

#include "recon_types.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace wf {

class ReconFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit ReconFilterBar(QWidget* parent = nullptr);

    void setChoices(const QStringList& providers, const QStringList& regions,
                    const QStringList& currencies);
    void setActor(const QString& actor) { actor_ = actor; }
    MismatchFilter filter() const;
    // Sets the fields from a filter (e.g. the cached view's).
    void setFilter(const MismatchFilter& filter);
    QLineEdit* searchField() const { return search_; }
    QComboBox* typeBox() const { return type_; }
    QComboBox* statusBox() const { return status_; }

signals:
    void filterChanged(const wf::MismatchFilter& filter);

private:
    void emitIfValid();
    qint64 minorOf(const QString& text, bool* ok) const;

    QComboBox* type_;
    QComboBox* status_;
    QComboBox* provider_;
    QComboBox* region_;
    QComboBox* currency_;
    QLineEdit* minAmount_;
    QLineEdit* maxAmount_;
    QComboBox* age_;
    QComboBox* assignee_;
    QLineEdit* search_;
    QLabel* problem_;
    QTimer* debounce_;
    QString actor_;
    bool updating_ = false;
};

}  // namespace wf

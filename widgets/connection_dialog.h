#pragma once

// Where to connect: endpoint, TLS (a CA file; for mutual TLS this console's
// certificate and key) and a bearer token, or a local simulator started on a
// free loopback port. Connection profiles (JSON, never with a token) can be
// imported and exported.

#include "endpoint_config.h"

#include <QDialog>

class QLineEdit;
class QCheckBox;
class QLabel;
class QHBoxLayout;

namespace wf {

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(const EndpointConfig& current, QWidget* parent = nullptr);

    EndpointConfig config() const;
    // True when the user chose "Start local simulator".
    bool startSimulatorChosen() const { return startSimulator_; }

    // What Import… / Export… do once a file is chosen; false and the reason
    // shown under the form when the file cannot be read or written, or is
    // not a valid profile (nothing in the form changes then).
    bool importProfile(const QString& path);
    bool exportProfile(const QString& path);
    QString message() const;

private:
    void validate();
    QLineEdit* fileRow(QLineEdit* edit, const QString& title, const QString& filter,
                       QHBoxLayout** row);

    EndpointConfig base_;
    QLineEdit* endpoint_;
    QCheckBox* tls_;
    QLineEdit* caPath_;
    QLineEdit* certPath_;
    QLineEdit* keyPath_;
    QLineEdit* token_;
    QLabel* error_;
    bool startSimulator_ = false;
};

}  // namespace wf

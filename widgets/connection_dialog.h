#pragma once

// Where to connect: endpoint, TLS (with a CA file) and a bearer token, or a
// local simulator started on a free loopback port.

#include "endpoint_config.h"

#include <QDialog>

class QLineEdit;
class QCheckBox;
class QLabel;

namespace wf {

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(const EndpointConfig& current, QWidget* parent = nullptr);

    EndpointConfig config() const;
    // True when the user chose "Start local simulator".
    bool startSimulatorChosen() const { return startSimulator_; }

private:
    void validate();

    EndpointConfig base_;
    QLineEdit* endpoint_;
    QCheckBox* tls_;
    QLineEdit* caPath_;
    QLineEdit* token_;
    QLabel* error_;
    bool startSimulator_ = false;
};

}  // namespace wf

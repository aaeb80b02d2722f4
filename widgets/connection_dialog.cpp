#include "connection_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace wf {

ConnectionDialog::ConnectionDialog(const EndpointConfig& current, QWidget* parent)
    : QDialog(parent),
      base_(current),
      endpoint_(new QLineEdit(current.target, this)),
      tls_(new QCheckBox(tr("Use TLS"), this)),
      caPath_(new QLineEdit(current.caCertificatePath, this)),
      token_(new QLineEdit(current.token, this)),
      error_(new QLabel(this))
{
    setWindowTitle(tr("Connect to a platform"));
    endpoint_->setObjectName(QStringLiteral("endpoint"));
    endpoint_->setPlaceholderText(QStringLiteral("host:port"));
    tls_->setChecked(current.tls);
    caPath_->setPlaceholderText(tr("CA certificate (PEM); empty = system roots"));
    token_->setEchoMode(QLineEdit::Password);
    token_->setPlaceholderText(tr("Bearer token (kept in memory only)"));
    error_->setStyleSheet(QStringLiteral("color:#e06c6c"));
    error_->setWordWrap(true);

    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(
            this, tr("CA certificate"), QString(), tr("PEM files (*.pem *.crt);;All files (*)"));
        if (!f.isEmpty())
            caPath_->setText(f);
    });
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(caPath_, 1);
    caRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("&Endpoint:"), endpoint_);
    form->addRow(QString(), tls_);
    form->addRow(tr("CA &certificate:"), caRow);
    form->addRow(tr("&Token:"), token_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    auto* sim = buttons->addButton(tr("Start local simulator"), QDialogButtonBox::ActionRole);
    sim->setObjectName(QStringLiteral("startSimulator"));
    sim->setToolTip(tr("Start the bundled platform simulator on a free loopback port and connect"));
    connect(sim, &QPushButton::clicked, this, [this] {
        startSimulator_ = true;
        accept();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        validate();
        if (error_->text().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(tls_, &QCheckBox::toggled, caPath_, &QWidget::setEnabled);
    caPath_->setEnabled(tls_->isChecked());

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Connect to a platform's Watchfloor endpoint, or start the local "
                      "simulator to try the console."),
                   this));
    layout->addLayout(form);
    layout->addWidget(error_);
    layout->addWidget(buttons);
}

void ConnectionDialog::validate()
{
    static const QRegularExpression hostPort(
        QStringLiteral("^[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}$"));
    const QString t = endpoint_->text().trimmed();
    if (!hostPort.match(t).hasMatch())
        error_->setText(tr("Write the endpoint as host:port, for example 127.0.0.1:50051."));
    else
        error_->clear();
}

EndpointConfig ConnectionDialog::config() const
{
    EndpointConfig c = base_;
    c.target = endpoint_->text().trimmed();
    c.tls = tls_->isChecked();
    c.caCertificatePath = caPath_->text().trimmed();
    c.token = token_->text();
    return c;
}

}  // namespace wf

# generated from ui/dialogs/membership_dialog.ui — do not edit (change the .ui file and run tools/compile_forms.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'membership_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
    QHBoxLayout, QLabel, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_MembershipDialog(object):
    def setupUi(self, MembershipDialog):
        if not MembershipDialog.objectName():
            MembershipDialog.setObjectName(u"MembershipDialog")
        MembershipDialog.resize(460, 340)
        self.verticalLayout = QVBoxLayout(MembershipDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.personCaption = QLabel(MembershipDialog)
        self.personCaption.setObjectName(u"personCaption")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.personCaption)

        self.personLabel = QLabel(MembershipDialog)
        self.personLabel.setObjectName(u"personLabel")
        self.personLabel.setStyleSheet(u"font-weight: bold;")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.personLabel)

        self.committeeLabel = QLabel(MembershipDialog)
        self.committeeLabel.setObjectName(u"committeeLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.committeeLabel)

        self.committeeCombo = QComboBox(MembershipDialog)
        self.committeeCombo.setObjectName(u"committeeCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.committeeCombo)

        self.roleLabel = QLabel(MembershipDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.roleCombo = QComboBox(MembershipDialog)
        self.roleCombo.setObjectName(u"roleCombo")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.roleCombo)

        self.groupLabel = QLabel(MembershipDialog)
        self.groupLabel.setObjectName(u"groupLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.groupLabel)

        self.groupCombo = QComboBox(MembershipDialog)
        self.groupCombo.setObjectName(u"groupCombo")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.groupCombo)

        self.votingCheck = QCheckBox(MembershipDialog)
        self.votingCheck.setObjectName(u"votingCheck")
        self.votingCheck.setChecked(True)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.votingCheck)

        self.termStartLabel = QLabel(MembershipDialog)
        self.termStartLabel.setObjectName(u"termStartLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.termStartLabel)

        self.termStartRow = QHBoxLayout()
        self.termStartRow.setObjectName(u"termStartRow")
        self.termStartEdit = QDateEdit(MembershipDialog)
        self.termStartEdit.setObjectName(u"termStartEdit")
        self.termStartEdit.setLocale(QLocale(QLocale.English, QLocale.UnitedStates))
        self.termStartEdit.setCalendarPopup(True)

        self.termStartRow.addWidget(self.termStartEdit)

        self.termStartNone = QCheckBox(MembershipDialog)
        self.termStartNone.setObjectName(u"termStartNone")

        self.termStartRow.addWidget(self.termStartNone)


        self.formLayout.setLayout(5, QFormLayout.ItemRole.FieldRole, self.termStartRow)

        self.termEndLabel = QLabel(MembershipDialog)
        self.termEndLabel.setObjectName(u"termEndLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.termEndLabel)

        self.termEndRow = QHBoxLayout()
        self.termEndRow.setObjectName(u"termEndRow")
        self.termEndEdit = QDateEdit(MembershipDialog)
        self.termEndEdit.setObjectName(u"termEndEdit")
        self.termEndEdit.setLocale(QLocale(QLocale.English, QLocale.UnitedStates))
        self.termEndEdit.setCalendarPopup(True)

        self.termEndRow.addWidget(self.termEndEdit)

        self.termEndNone = QCheckBox(MembershipDialog)
        self.termEndNone.setObjectName(u"termEndNone")

        self.termEndRow.addWidget(self.termEndNone)


        self.formLayout.setLayout(6, QFormLayout.ItemRole.FieldRole, self.termEndRow)

        self.statusLabel = QLabel(MembershipDialog)
        self.statusLabel.setObjectName(u"statusLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.statusLabel)

        self.statusCombo = QComboBox(MembershipDialog)
        self.statusCombo.setObjectName(u"statusCombo")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.statusCombo)


        self.verticalLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(MembershipDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b00020; font-weight: bold;")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.verticalLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.verticalLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(MembershipDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.committeeLabel.setBuddy(self.committeeCombo)
        self.roleLabel.setBuddy(self.roleCombo)
        self.groupLabel.setBuddy(self.groupCombo)
        self.termStartLabel.setBuddy(self.termStartEdit)
        self.termEndLabel.setBuddy(self.termEndEdit)
        self.statusLabel.setBuddy(self.statusCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.committeeCombo, self.roleCombo)
        QWidget.setTabOrder(self.roleCombo, self.groupCombo)
        QWidget.setTabOrder(self.groupCombo, self.votingCheck)
        QWidget.setTabOrder(self.votingCheck, self.termStartEdit)
        QWidget.setTabOrder(self.termStartEdit, self.termStartNone)
        QWidget.setTabOrder(self.termStartNone, self.termEndEdit)
        QWidget.setTabOrder(self.termEndEdit, self.termEndNone)
        QWidget.setTabOrder(self.termEndNone, self.statusCombo)

        self.retranslateUi(MembershipDialog)
        self.buttonBox.accepted.connect(MembershipDialog.accept)
        self.buttonBox.rejected.connect(MembershipDialog.reject)
        self.termStartNone.toggled.connect(self.termStartEdit.setDisabled)
        self.termEndNone.toggled.connect(self.termEndEdit.setDisabled)

        QMetaObject.connectSlotsByName(MembershipDialog)
    # setupUi

    def retranslateUi(self, MembershipDialog):
        MembershipDialog.setWindowTitle(QCoreApplication.translate("MembershipDialog", u"Membership", None))
        self.personCaption.setText(QCoreApplication.translate("MembershipDialog", u"Person", None))
        self.committeeLabel.setText(QCoreApplication.translate("MembershipDialog", u"&Committee", None))
        self.roleLabel.setText(QCoreApplication.translate("MembershipDialog", u"&Role", None))
        self.groupLabel.setText(QCoreApplication.translate("MembershipDialog", u"Stakeholder &group", None))
        self.votingCheck.setText(QCoreApplication.translate("MembershipDialog", u"&Voting member", None))
        self.termStartLabel.setText(QCoreApplication.translate("MembershipDialog", u"Term &starts", None))
        self.termStartEdit.setDisplayFormat(QCoreApplication.translate("MembershipDialog", u"MMM d, yyyy", None))
        self.termStartNone.setText(QCoreApplication.translate("MembershipDialog", u"No start date", None))
        self.termEndLabel.setText(QCoreApplication.translate("MembershipDialog", u"Term &ends", None))
        self.termEndEdit.setDisplayFormat(QCoreApplication.translate("MembershipDialog", u"MMM d, yyyy", None))
        self.termEndNone.setText(QCoreApplication.translate("MembershipDialog", u"No end date", None))
        self.statusLabel.setText(QCoreApplication.translate("MembershipDialog", u"S&tatus", None))
    # retranslateUi


FILESEXTRAPATHS:prepend := "${THISDIR}/files:"
SRC_URI += "file://telnetd.cfg \
            file://syslog.cfg \
           "

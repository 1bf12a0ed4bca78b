package org.ordertower.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * A tab in Karaf's own web console ({@code feature:install webconsole}, at {@code /system/console}) that links to
 * OrderTower's console, where an admin already looks. Apache Felix's web console takes any servlet service with a
 * {@code felix.webconsole.label} as a plugin; without that console installed, nothing uses this service (it has no
 * whiteboard pattern, so Karaf's HTTP service does not serve it on its own).
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=ordertower",
        "felix.webconsole.title=OrderTower",
        "felix.webconsole.category=OrderTower" })
public final class WebConsoleLink extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html; charset=utf-8");
        resp.getWriter().write("<p style=\"font-size:1.2em;margin:1em 0\"><a href=\"/ordertower/\">"
                + "Open the OrderTower console / 打开 OrderTower 控制台</a></p>"
                + "<p>Orders, the review wall, stock and live figures, with the same users and roles as the REST "
                + "interface and the shell.</p>");
    }
}

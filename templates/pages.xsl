<?xml version="1.0" encoding="UTF-8"?>
<!-- pages.xsl: the content of kaohe serve's pages (page-*.c) inside the
     layout of page.xsl — the dashboard, a contract's periods, a period's
     scorecard and statement (the scorecard element, urn:kaohe:scorecard:1,
     as scored) with the forms the user's role may use (a panel member's
     marks, an insurer's appeal, the regulator's confirm or waive and
     appeal decisions), and the submissions.  Forms POST with the CSRF
     token; the server checks the role again.  Never emits a script or
     unescaped data.  Parameter: lang (zh|en). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:p="urn:kaohe:page:1"
    xmlns:sc="urn:kaohe:scorecard:1"
    xmlns:w="urn:kaohe:words:1"
    exclude-result-prefixes="p sc w">

  <xsl:import href="page.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <xsl:variable name="role" select="/p:page/@role"/>
  <xsl:variable name="me" select="/p:page/@display"/>

  <xsl:template name="th">
    <xsl:param name="k"/>
    <xsl:param name="class"/>
    <th>
      <xsl:if test="$class"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
      <xsl:call-template name="pw"><xsl:with-param name="k" select="$k"/></xsl:call-template>
    </th>
  </xsl:template>

  <xsl:template name="run-cell">
    <xsl:param name="run"/>
    <xsl:choose>
      <xsl:when test="$run">
        <span class="score"><xsl:call-template name="pdash"><xsl:with-param name="v" select="$run/@score"/></xsl:call-template></span>
        <xsl:text> / </xsl:text><xsl:value-of select="$run/@max"/>
        <xsl:text> </xsl:text><strong class="grade"><xsl:call-template name="pdash"><xsl:with-param name="v" select="$run/@grade"/></xsl:call-template></strong>
        <br/><span class="muted"><xsl:value-of select="$run/@period"/><xsl:text> · </xsl:text><xsl:value-of select="$run/@generated"/></span>
      </xsl:when>
      <xsl:otherwise><span class="muted"><xsl:call-template name="pw"><xsl:with-param name="k" select="'none'"/></xsl:call-template></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A report duty: received, received late, missing, awaited. -->
  <xsl:template name="report-state">
    <xsl:variable name="k">
      <xsl:choose>
        <xsl:when test="@status = 'done'">report-received</xsl:when>
        <xsl:when test="@status = 'late' and @done">report-late</xsl:when>
        <xsl:when test="@status = 'late'">report-missing</xsl:when>
        <xsl:otherwise>report-open</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <span class="{$k}"><xsl:call-template name="pw"><xsl:with-param name="k" select="$k"/></xsl:call-template></span>
  </xsl:template>

  <!-- ===== dashboard ===== -->
  <xsl:template match="p:dashboard" mode="body">
    <h2><xsl:call-template name="pw"><xsl:with-param name="k" select="'contracts'"/></xsl:call-template></h2>
    <table class="contracts">
      <thead><tr>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'id'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'title'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'insurer'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'latest'"/></xsl:call-template>
        <th><xsl:call-template name="pw"><xsl:with-param name="k" select="'reports-month'"/></xsl:call-template><xsl:text> </xsl:text><span class="muted"><xsl:value-of select="@month"/></span></th>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'overdue'"/></xsl:call-template>
      </tr></thead>
      <tbody>
        <xsl:for-each select="p:contract">
          <tr id="contract-{@id}">
            <td><a href="/contracts/{@id}"><code><xsl:value-of select="@id"/></code></a></td>
            <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@title"/></xsl:call-template></td>
            <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@insurer"/></xsl:call-template></td>
            <td><xsl:call-template name="run-cell"><xsl:with-param name="run" select="p:run"/></xsl:call-template></td>
            <td class="reports">
              <xsl:choose>
                <xsl:when test="p:duties-missing"><span class="muted"><xsl:call-template name="pw"><xsl:with-param name="k" select="'due-missing'"/></xsl:call-template></span></xsl:when>
                <xsl:when test="not(p:report)"><span class="muted"><xsl:call-template name="pw"><xsl:with-param name="k" select="'none'"/></xsl:call-template></span></xsl:when>
              </xsl:choose>
              <xsl:for-each select="p:report">
                <div class="report">
                  <xsl:value-of select="@ref"/><xsl:text> </xsl:text>
                  <xsl:call-template name="report-state"/>
                  <span class="muted"><xsl:text> (</xsl:text><xsl:call-template name="pw"><xsl:with-param name="k" select="'due'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="@due"/>
                  <xsl:if test="@done"><xsl:text>; </xsl:text><xsl:call-template name="pw"><xsl:with-param name="k" select="'done'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="@done"/></xsl:if>
                  <xsl:text>)</xsl:text></span>
                </div>
              </xsl:for-each>
            </td>
            <td class="overdue">
              <xsl:if test="not(p:overdue)"><span class="muted"><xsl:call-template name="pw"><xsl:with-param name="k" select="'none'"/></xsl:call-template></span></xsl:if>
              <xsl:for-each select="p:overdue">
                <div class="duty status-late">
                  <xsl:call-template name="pword"><xsl:with-param name="group" select="'duty'"/><xsl:with-param name="code" select="@kind"/></xsl:call-template>
                  <xsl:text> </xsl:text><xsl:value-of select="@ref"/>
                  <span class="muted"><xsl:text> (</xsl:text>
                  <xsl:call-template name="pword"><xsl:with-param name="group" select="'party'"/><xsl:with-param name="code" select="@party"/></xsl:call-template>
                  <xsl:text>, </xsl:text><xsl:value-of select="@clause"/>
                  <xsl:if test="@due"><xsl:text>, </xsl:text><xsl:call-template name="pw"><xsl:with-param name="k" select="'due'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="@due"/></xsl:if>
                  <xsl:text>)</xsl:text></span>
                </div>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <h2><xsl:call-template name="pw"><xsl:with-param name="k" select="'open-appeals'"/></xsl:call-template></h2>
    <xsl:call-template name="appeals-table"><xsl:with-param name="appeals" select="p:appeal"/><xsl:with-param name="forms" select="false()"/></xsl:call-template>
  </xsl:template>

  <!-- ===== appeals ===== -->
  <xsl:template name="appeals-table">
    <xsl:param name="appeals"/>
    <xsl:param name="forms"/>
    <xsl:choose>
      <xsl:when test="not($appeals)"><p class="muted"><xsl:call-template name="pw"><xsl:with-param name="k" select="'none'"/></xsl:call-template></p></xsl:when>
      <xsl:otherwise>
        <table class="appeals">
          <thead><tr>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'appeal-no'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'contract'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'period'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'indicator'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'items'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'reason'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'filed-by'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'state'"/></xsl:call-template>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$appeals">
              <tr id="appeal-{@id}">
                <td class="num"><xsl:value-of select="@id"/></td>
                <td><a href="/contracts/{@contract}"><code><xsl:value-of select="@contract"/></code></a></td>
                <td><a href="/contracts/{@contract}/{@period}"><xsl:value-of select="@period"/></a></td>
                <td><code><xsl:call-template name="pdash"><xsl:with-param name="v" select="@indicator"/></xsl:call-template></code></td>
                <td>
                  <xsl:if test="not(p:item)">–</xsl:if>
                  <xsl:for-each select="p:item">
                    <div><xsl:call-template name="pword"><xsl:with-param name="group" select="'appeal'"/><xsl:with-param name="code" select="@kind"/></xsl:call-template>
                    <xsl:text> </xsl:text><code><xsl:call-template name="pdash"><xsl:with-param name="v" select="@ref"/></xsl:call-template></code>
                    <xsl:if test="@outcome != 'open'"><xsl:text> </xsl:text><xsl:call-template name="pword"><xsl:with-param name="group" select="'appeal'"/><xsl:with-param name="code" select="@outcome"/></xsl:call-template></xsl:if></div>
                  </xsl:for-each>
                </td>
                <td class="appeal-reason"><xsl:call-template name="pdash"><xsl:with-param name="v" select="@reason"/></xsl:call-template></td>
                <td><xsl:value-of select="@filed-by"/><br/><span class="muted"><xsl:value-of select="@filed-at"/></span></td>
                <td class="appeal-state">
                  <xsl:call-template name="pword"><xsl:with-param name="group" select="'appeal'"/><xsl:with-param name="code" select="@state"/></xsl:call-template>
                  <xsl:if test="@decided-by">
                    <br/><span class="muted"><xsl:value-of select="@decided-by"/><xsl:text> </xsl:text><xsl:value-of select="@decided-at"/></span>
                    <br/><xsl:value-of select="@decision-reason"/>
                    <xsl:if test="@cost"><br/><xsl:call-template name="pw"><xsl:with-param name="k" select="'cost'"/></xsl:call-template><xsl:text>: </xsl:text><xsl:value-of select="@cost"/></xsl:if>
                  </xsl:if>
                </td>
              </tr>
              <xsl:if test="$forms and $role = 'regulator' and @state = 'open'">
                <tr><td colspan="8">
                  <form method="post" action="/appeals/{@id}/decide" class="box appeal-decide">
                    <xsl:call-template name="csrf"/>
                    <strong><xsl:call-template name="pw"><xsl:with-param name="k" select="'decide-appeal'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="@id"/></strong>
                    <label><xsl:call-template name="pw"><xsl:with-param name="k" select="'outcome'"/></xsl:call-template><xsl:text> </xsl:text>
                      <select name="outcome">
                        <option value="uphold"><xsl:call-template name="pw"><xsl:with-param name="k" select="'uphold'"/></xsl:call-template></option>
                        <option value="overturn"><xsl:call-template name="pw"><xsl:with-param name="k" select="'overturn'"/></xsl:call-template></option>
                        <option value="partial"><xsl:call-template name="pw"><xsl:with-param name="k" select="'partial'"/></xsl:call-template></option>
                      </select></label>
                    <label><xsl:call-template name="pw"><xsl:with-param name="k" select="'refs-partial'"/></xsl:call-template>
                      <input type="text" name="refs" value=""/></label>
                    <label><xsl:call-template name="pw"><xsl:with-param name="k" select="'cost'"/></xsl:call-template>
                      <input type="text" name="cost" value="" inputmode="decimal"/></label>
                    <label><xsl:call-template name="pw"><xsl:with-param name="k" select="'reason'"/></xsl:call-template>
                      <textarea name="reason" required="required"><xsl:text>&#10;</xsl:text></textarea></label>
                    <button type="submit"><xsl:call-template name="pw"><xsl:with-param name="k" select="'submit'"/></xsl:call-template></button>
                  </form>
                </td></tr>
              </xsl:if>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="contract-facts">
    <dl class="facts">
      <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'id'"/></xsl:call-template></dt>
      <dd><a href="/contracts/{@id}"><code><xsl:value-of select="@id"/></code></a></dd>
      <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'purchaser'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="pdash"><xsl:with-param name="v" select="@purchaser"/></xsl:call-template></dd>
      <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'insurer'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="pdash"><xsl:with-param name="v" select="@insurer"/></xsl:call-template></dd>
      <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'term'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="@term-first"/><xsl:text> – </xsl:text><xsl:value-of select="@term-last"/></dd>
    </dl>
  </xsl:template>

  <!-- ===== a contract ===== -->
  <xsl:template match="p:contract" mode="body">
    <xsl:call-template name="contract-facts"/>
    <p><a href="/contracts/{@id}/ledger.html"><xsl:call-template name="pw"><xsl:with-param name="k" select="'ledger'"/></xsl:call-template></a>
      <xsl:text> · </xsl:text><a href="/contracts/{@id}/ledger.xml">XML</a></p>
    <h2><xsl:call-template name="pw"><xsl:with-param name="k" select="'periods'"/></xsl:call-template></h2>
    <table class="periods">
      <thead><tr>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'period'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'latest'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'downloads'"/></xsl:call-template>
      </tr></thead>
      <tbody>
        <xsl:variable name="cid" select="@id"/>
        <xsl:for-each select="p:period">
          <tr>
            <td><a href="/contracts/{$cid}/{@name}"><xsl:value-of select="@name"/></a>
              <br/><span class="muted"><xsl:value-of select="@first"/><xsl:text> – </xsl:text><xsl:value-of select="@last"/></span></td>
            <td><xsl:call-template name="run-cell"><xsl:with-param name="run" select="p:run"/></xsl:call-template></td>
            <td><xsl:call-template name="downloads"><xsl:with-param name="base" select="concat('/contracts/', $cid, '/', @name, '/')"/><xsl:with-param name="fees" select="true()"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <h2><xsl:call-template name="pw"><xsl:with-param name="k" select="'appeals'"/></xsl:call-template></h2>
    <xsl:call-template name="appeals-table"><xsl:with-param name="appeals" select="p:appeal"/><xsl:with-param name="forms" select="false()"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="downloads">
    <xsl:param name="base"/>
    <xsl:param name="fees"/>
    <span class="downloads">
      <xsl:call-template name="pw"><xsl:with-param name="k" select="'scorecard'"/></xsl:call-template><xsl:text>: </xsl:text>
      <a href="{$base}scorecard.html">HTML</a><xsl:text> · </xsl:text>
      <a href="{$base}scorecard.xml">XML</a><xsl:text> · </xsl:text>
      <a href="{$base}scorecard.xlsx">XLSX</a><xsl:text> | </xsl:text>
      <a href="{$base}notice.html"><xsl:call-template name="pw"><xsl:with-param name="k" select="'notice'"/></xsl:call-template></a>
      <xsl:if test="$fees">
        <xsl:text> | </xsl:text>
        <xsl:call-template name="pw"><xsl:with-param name="k" select="'statement'"/></xsl:call-template><xsl:text>: </xsl:text>
        <a href="{$base}statement.txt">TXT</a><xsl:text> · </xsl:text>
        <a href="{$base}statement.xml">XML</a>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- ===== a period ===== -->
  <xsl:template match="p:period" mode="body">
    <xsl:variable name="sc" select="sc:scorecard"/>
    <xsl:variable name="base" select="concat('/contracts/', @id, '/', @name, '/')"/>
    <xsl:call-template name="contract-facts"/>
    <dl class="facts summary">
      <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'period'"/></xsl:call-template></dt>
      <dd class="period-name"><xsl:value-of select="@name"/><span class="muted"><xsl:text> (</xsl:text><xsl:value-of select="$sc/@period-first"/><xsl:text> – </xsl:text><xsl:value-of select="$sc/@period-last"/><xsl:text>)</xsl:text></span></dd>
      <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'score'"/></xsl:call-template></dt>
      <dd><strong class="score"><xsl:call-template name="pdash"><xsl:with-param name="v" select="$sc/sc:summary/@score"/></xsl:call-template></strong><xsl:text> / </xsl:text><xsl:value-of select="$sc/sc:summary/@max"/></dd>
      <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'grade'"/></xsl:call-template></dt>
      <dd><strong class="grade"><xsl:call-template name="pdash"><xsl:with-param name="v" select="$sc/sc:summary/@grade"/></xsl:call-template></strong></dd>
      <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'scored-at'"/></xsl:call-template></dt>
      <dd class="muted"><xsl:call-template name="pdash"><xsl:with-param name="v" select="$sc/@generated"/></xsl:call-template></dd>
      <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'downloads'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="downloads"><xsl:with-param name="base" select="$base"/><xsl:with-param name="fees" select="boolean($sc/sc:fees)"/></xsl:call-template>
        <xsl:text> | </xsl:text><a href="/contracts/{@id}/ledger.html"><xsl:call-template name="pw"><xsl:with-param name="k" select="'ledger'"/></xsl:call-template></a></dd>
    </dl>

    <h2><xsl:call-template name="pw"><xsl:with-param name="k" select="'indicators'"/></xsl:call-template></h2>
    <table class="indicators">
      <thead><tr>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'clause'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'indicator'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'status'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'awarded'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'points'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
      </tr></thead>
      <tbody>
        <xsl:for-each select="$sc/sc:indicator">
          <tr id="ind-{@id}">
            <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@clause"/></xsl:call-template></td>
            <td><xsl:value-of select="@title"/><br/><code class="muted"><xsl:value-of select="@id"/></code></td>
            <td class="status-{@status}"><xsl:call-template name="pword"><xsl:with-param name="group" select="'status'"/><xsl:with-param name="code" select="@status"/></xsl:call-template>
              <xsl:if test="@kind = 'manual'"><span class="muted"><xsl:text> · </xsl:text><xsl:call-template name="pword"><xsl:with-param name="group" select="'status'"/><xsl:with-param name="code" select="'manual'"/></xsl:call-template></span></xsl:if></td>
            <td class="num"><xsl:call-template name="pdash"><xsl:with-param name="v" select="@awarded"/></xsl:call-template></td>
            <td class="num"><xsl:call-template name="pdash"><xsl:with-param name="v" select="@points"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>

    <xsl:if test="$sc/sc:fees">
      <h2><xsl:call-template name="pw"><xsl:with-param name="k" select="'statement'"/></xsl:call-template></h2>
      <xsl:apply-templates select="$sc/sc:fees"/>
    </xsl:if>

    <xsl:if test="$role = 'panel'">
      <xsl:call-template name="marks-form"><xsl:with-param name="sc" select="$sc"/><xsl:with-param name="base" select="$base"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$role = 'insurer'">
      <xsl:call-template name="appeal-form"><xsl:with-param name="sc" select="$sc"/><xsl:with-param name="base" select="$base"/></xsl:call-template>
    </xsl:if>

    <h2 id="appeals"><xsl:call-template name="pw"><xsl:with-param name="k" select="'appeals'"/></xsl:call-template></h2>
    <xsl:call-template name="appeals-table"><xsl:with-param name="appeals" select="p:appeal"/><xsl:with-param name="forms" select="true()"/></xsl:call-template>
  </xsl:template>

  <!-- The statement's lines; proposed ones with the regulator's forms. -->
  <xsl:template match="sc:fees">
    <xsl:variable name="base" select="concat('/contracts/', ../../@id, '/', ../../@name, '/')"/>
    <dl class="facts money">
      <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'total'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="pdash"><xsl:with-param name="v" select="@total"/></xsl:call-template></dd>
      <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'payable'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="pdash"><xsl:with-param name="v" select="@due"/></xsl:call-template></dd>
      <xsl:if test="@due-confirmed">
        <dt><xsl:call-template name="pw"><xsl:with-param name="k" select="'payable-confirmed'"/></xsl:call-template></dt>
        <dd class="due-confirmed"><xsl:value-of select="@due-confirmed"/></dd>
      </xsl:if>
    </dl>
    <table class="fees">
      <thead><tr>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'line-kind'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'clause'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'amount'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'state'"/></xsl:call-template>
        <xsl:call-template name="th"><xsl:with-param name="k" select="'text'"/></xsl:call-template>
      </tr></thead>
      <tbody>
        <xsl:for-each select="sc:quarter | sc:line">
          <tr>
            <td><xsl:call-template name="pword"><xsl:with-param name="group" select="'kind'"/><xsl:with-param name="code" select="@kind"/></xsl:call-template>
              <xsl:if test="self::sc:quarter"><xsl:value-of select="@period"/></xsl:if>
              <xsl:if test="not(@kind) and not(self::sc:quarter)">–</xsl:if></td>
            <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@clause"/></xsl:call-template></td>
            <td class="num"><xsl:call-template name="pdash"><xsl:with-param name="v" select="concat(@amount, substring(@payable, 1, string-length(@payable) * not(@amount)))"/></xsl:call-template></td>
            <td class="state-{@state}">
              <xsl:if test="not(@id)">–</xsl:if>
              <xsl:if test="@id">
                <xsl:call-template name="pword"><xsl:with-param name="group" select="'state'"/><xsl:with-param name="code" select="concat(@state, substring('confirmed', 1, 9 * not(@state)))"/></xsl:call-template>
              </xsl:if>
              <xsl:if test="@id and @state = 'proposed' and $role = 'regulator'">
                <form method="post" action="{$base}decide" class="decide">
                  <xsl:call-template name="csrf"/>
                  <input type="hidden" name="line" value="{@id}"/>
                  <input type="text" name="reason" value="" placeholder="{$PWORDS[@name = 'page']/w:w[@k = 'reason']/@*[local-name() = $PL]}"/>
                  <button type="submit" name="state" value="confirmed"><xsl:call-template name="pw"><xsl:with-param name="k" select="'confirm'"/></xsl:call-template></button>
                  <button type="submit" name="state" value="waived"><xsl:call-template name="pw"><xsl:with-param name="k" select="'waive'"/></xsl:call-template></button>
                </form>
              </xsl:if>
            </td>
            <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@text"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="marks-form">
    <xsl:param name="sc"/>
    <xsl:param name="base"/>
    <h2 id="marks"><xsl:call-template name="pw"><xsl:with-param name="k" select="'marks-form'"/></xsl:call-template></h2>
    <xsl:variable name="manual" select="$sc/sc:indicator[@kind = 'manual']"/>
    <xsl:choose>
      <xsl:when test="not($manual)"><p class="muted"><xsl:call-template name="pw"><xsl:with-param name="k" select="'no-manual'"/></xsl:call-template></p></xsl:when>
      <xsl:otherwise>
        <form method="post" action="{$base}marks" class="box marks">
          <xsl:call-template name="csrf"/>
          <p><xsl:call-template name="pw"><xsl:with-param name="k" select="'member'"/></xsl:call-template><xsl:text>: </xsl:text><strong><xsl:value-of select="$me"/></strong></p>
          <label><xsl:call-template name="pw"><xsl:with-param name="k" select="'level'"/></xsl:call-template><xsl:text> </xsl:text>
            <select name="level">
              <option value="city"><xsl:call-template name="pword"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="'city'"/></xsl:call-template></option>
              <option value="province"><xsl:call-template name="pword"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="'province'"/></xsl:call-template></option>
            </select></label>
          <table class="marks">
            <thead><tr>
              <xsl:call-template name="th"><xsl:with-param name="k" select="'indicator'"/></xsl:call-template>
              <xsl:call-template name="th"><xsl:with-param name="k" select="'max'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
              <xsl:call-template name="th"><xsl:with-param name="k" select="'score'"/></xsl:call-template>
              <xsl:call-template name="th"><xsl:with-param name="k" select="'reason'"/></xsl:call-template>
              <xsl:call-template name="th"><xsl:with-param name="k" select="'evidence'"/></xsl:call-template>
            </tr></thead>
            <tbody>
              <xsl:for-each select="$manual">
                <xsl:variable name="mine" select="sc:marks[@level = 'city']/sc:mark[@member = $me]"/>
                <tr>
                  <td><xsl:value-of select="@title"/><br/><code class="muted"><xsl:value-of select="@id"/></code></td>
                  <td class="num"><xsl:call-template name="pdash"><xsl:with-param name="v" select="@points"/></xsl:call-template></td>
                  <td><input type="text" inputmode="decimal" size="6" name="score.{@id}" value="{$mine/@score}"/></td>
                  <td><input type="text" name="reason.{@id}" value="{$mine/@reason}"/></td>
                  <td><input type="text" name="evidence.{@id}" value="{$mine/@evidence}"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          <button type="submit"><xsl:call-template name="pw"><xsl:with-param name="k" select="'save-marks'"/></xsl:call-template></button>
        </form>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="appeal-form">
    <xsl:param name="sc"/>
    <xsl:param name="base"/>
    <h2 id="appeal"><xsl:call-template name="pw"><xsl:with-param name="k" select="'appeal-form'"/></xsl:call-template></h2>
    <form method="post" action="{$base}appeal" class="box appeal">
      <xsl:call-template name="csrf"/>
      <label><xsl:call-template name="pw"><xsl:with-param name="k" select="'indicator'"/></xsl:call-template><xsl:text> </xsl:text>
        <select name="indicator">
          <xsl:for-each select="$sc/sc:indicator">
            <option value="{@id}"><xsl:value-of select="concat(@clause, ' ', @title, ' (', @id, ')')"/></option>
          </xsl:for-each>
        </select></label>
      <label><xsl:call-template name="pw"><xsl:with-param name="k" select="'refs'"/></xsl:call-template>
        <input type="text" name="refs" value=""/></label>
      <label><xsl:call-template name="pw"><xsl:with-param name="k" select="'reason'"/></xsl:call-template>
        <textarea name="reason" required="required"><xsl:text>&#10;</xsl:text></textarea></label>
      <button type="submit"><xsl:call-template name="pw"><xsl:with-param name="k" select="'file-appeal'"/></xsl:call-template></button>
    </form>
  </xsl:template>

  <!-- ===== submissions ===== -->
  <xsl:template match="p:submissions" mode="body">
    <xsl:if test="not(p:contract/p:submission) and not(p:contract/p:received)"><p class="muted"><xsl:call-template name="pw"><xsl:with-param name="k" select="'no-submissions'"/></xsl:call-template></p></xsl:if>
    <xsl:for-each select="p:contract[p:submission or p:received]">
      <h2><a href="/contracts/{@id}"><code><xsl:value-of select="@id"/></code></a></h2>
      <xsl:if test="p:submission">
      <table class="submissions">
        <thead><tr>
          <xsl:call-template name="th"><xsl:with-param name="k" select="'report'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="k" select="'period'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="k" select="'submitted-at'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="k" select="'accepted'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="k" select="'receipt'"/></xsl:call-template>
          <xsl:call-template name="th"><xsl:with-param name="k" select="'source'"/></xsl:call-template>
        </tr></thead>
        <tbody>
          <xsl:for-each select="p:submission">
            <tr>
              <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@report"/></xsl:call-template></td>
              <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@period"/></xsl:call-template></td>
              <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@submitted-at"/></xsl:call-template></td>
              <td><xsl:call-template name="pw"><xsl:with-param name="k" select="@accepted"/></xsl:call-template></td>
              <td><code><xsl:call-template name="pdash"><xsl:with-param name="v" select="@ref"/></xsl:call-template></code></td>
              <td><xsl:call-template name="pw"><xsl:with-param name="k" select="concat('source-', @source)"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      </xsl:if>
      <xsl:if test="p:received">
        <h3><xsl:call-template name="pw"><xsl:with-param name="k" select="'received'"/></xsl:call-template></h3>
        <table class="received">
          <thead><tr>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'receipt'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'report'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'period'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'received-at'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'received-by'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'size'"/><xsl:with-param name="class" select="'num'"/></xsl:call-template>
            <xsl:call-template name="th"><xsl:with-param name="k" select="'sha256'"/></xsl:call-template>
          </tr></thead>
          <tbody>
            <xsl:for-each select="p:received">
              <tr>
                <td><a href="/submissions/{@ref}"><code><xsl:value-of select="@ref"/></code></a></td>
                <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@report"/></xsl:call-template></td>
                <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@period"/></xsl:call-template></td>
                <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@received-at"/></xsl:call-template></td>
                <td><xsl:call-template name="pdash"><xsl:with-param name="v" select="@received-by"/></xsl:call-template></td>
                <td class="num"><xsl:value-of select="@size"/></td>
                <td><code class="sha256"><xsl:call-template name="pdash"><xsl:with-param name="v" select="@sha256"/></xsl:call-template></code></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>

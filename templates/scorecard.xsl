<?xml version="1.0" encoding="UTF-8"?>
<!-- scorecard.xsl: the scorecard XML (urn:kaohe:scorecard:1, with charts
     attached as kc:chart/svg by kaohe) as one self-contained polyglot HTML5
     page: inline CSS and SVG, print layout for A4, dark screens.  It must
     never emit a script, a link to anything outside the page, or an empty
     non-void HTML element (the output is also parsed as XML).
     Codes read as words from words.xml beside it; numbers that are the
     template's defaults rather than the contract's carry a "default" mark.
     Parameters: lang (zh|en), evidence-limit (rows per evidence table). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:sc="urn:kaohe:scorecard:1"
    xmlns:kc="urn:kaohe:chart:1"
    xmlns:m="urn:kaohe:messages"
    xmlns:w="urn:kaohe:words:1"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="sc kc m w svg xlink exsl">

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <xsl:param name="lang" select="'zh'"/>
  <xsl:param name="evidence-limit" select="'100'"/>
  <xsl:variable name="L">
    <xsl:choose>
      <xsl:when test="starts-with($lang, 'en')">en</xsl:when>
      <xsl:otherwise>zh</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="limit" select="number($evidence-limit)"/>
  <xsl:variable name="list-sep">
    <xsl:choose>
      <xsl:when test="$L = 'en'">, </xsl:when>
      <xsl:otherwise>、</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The message catalogue: one m:m per text, zh and en. -->
  <xsl:variable name="catalogue">
    <m:m k="report" zh="考核评分报告" en="Performance assessment scorecard"/>
    <m:m k="contract" zh="合同" en="Contract"/>
    <m:m k="version" zh="版本" en="version"/>
    <m:m k="purchaser" zh="采购方" en="Purchaser"/>
    <m:m k="insurer" zh="承办机构" en="Insurer"/>
    <m:m k="period" zh="考核期" en="Period"/>
    <m:m k="as-of" zh="评价基准日" en="As of"/>
    <m:m k="generated" zh="生成时间" en="Generated"/>
    <m:m k="score" zh="得分" en="Score"/>
    <m:m k="grade" zh="等级" en="Grade"/>
    <m:m k="grade-bands" zh="等级划分" en="Grade bands"/>
    <m:m k="results" zh="指标结果" en="Indicators"/>
    <m:m k="triggers" zh="触发条款" en="Triggers met"/>
    <m:m k="applies-to" zh="适用于" en="applies to"/>
    <m:m k="none" zh="无" en="none"/>
    <m:m k="rollover" zh="期限顺延" en="Deadline rollover"/>
    <m:m k="summary" zh="指标汇总" en="Indicator summary"/>
    <m:m k="no" zh="序号" en="No."/>
    <m:m k="clause" zh="条款" en="Clause"/>
    <m:m k="indicator" zh="指标" en="Indicator"/>
    <m:m k="target" zh="目标" en="Target"/>
    <m:m k="value" zh="实际值" en="Value"/>
    <m:m k="status" zh="结果" en="Status"/>
    <m:m k="points" zh="分值" en="Points"/>
    <m:m k="awarded" zh="得分" en="Awarded"/>
    <m:m k="total" zh="合计" en="Total"/>
    <m:m k="pass" zh="达标" en="pass"/>
    <m:m k="fail" zh="未达标" en="fail"/>
    <m:m k="na" zh="不适用" en="n/a"/>
    <m:m k="pending" zh="待评" en="pending"/>
    <m:m k="categories" zh="分类得分" en="Scores by category"/>
    <m:m k="category" zh="类别" en="Category"/>
    <m:m k="vetoed" zh="一票否决" en="vetoed"/>
    <m:m k="method" zh="评分方法" en="Scoring method"/>
    <m:m k="criterion" zh="评分标准" en="Criterion"/>
    <m:m k="levels" zh="各层级得分" en="Scores by level"/>
    <m:m k="final-level" zh="最终得分取自" en="Final score from"/>
    <m:m k="computed-awarded" zh="数据计算得分" en="computed"/>
    <m:m k="override" zh="评分覆盖" en="overridden by marks"/>
    <m:m k="marks" zh="评分人打分" en="Panel marks"/>
    <m:m k="member" zh="评分人" en="Member"/>
    <m:m k="mark-score" zh="得分" en="Score"/>
    <m:m k="reason" zh="扣分原因" en="Reason"/>
    <m:m k="basis" zh="依据" en="Evidence"/>
    <m:m k="aggregate" zh="汇总" en="Combined"/>
    <m:m k="level-differences" zh="层级差异" en="Differences between levels"/>
    <m:m k="from" zh="层级" en="Level"/>
    <m:m k="to" zh="对比层级" en="Against"/>
    <m:m k="delta" zh="差额" en="Difference"/>
    <m:m k="action" zh="措施" en="Action"/>
    <m:m k="text" zh="说明" en="Description"/>
    <m:m k="charts" zh="图表" en="Charts"/>
    <m:m k="charts-missing" zh="以下图表未能绘制：" en="These charts could not be drawn:"/>
    <m:m k="details" zh="指标详情" en="Indicator details"/>
    <m:m k="measure" zh="计量方法" en="Measure"/>
    <m:m k="evidence" zh="证据" en="Evidence"/>
    <m:m k="no-evidence" zh="无证据记录。" en="No evidence records."/>
    <m:m k="shown" zh="显示" en="Showing"/>
    <m:m k="of" zh="条，共" en="of"/>
    <m:m k="rows" zh="条" en="records"/>
    <m:m k="default" zh="（默认）" en=" (default)"/>
    <m:m k="default-legend" zh="标注“（默认）”的数字不是合同原文给出的，而是模板在合同留给采购方决定之处设定的默认值（分值、等级划分、期限、返还比例等），以采购方的考核方案为准。" en="Numbers marked “(default)” are not in the contract's text: the template set them where the contract leaves them to the purchaser (points, grade bands, day limits, return shares); the purchaser's assessment plan prevails."/>
    <m:m k="defaults" zh="模板默认参数" en="Template defaults"/>
    <m:m k="share-of-intervals" zh="达标期间占比 " en="intervals met: "/>
    <m:m k="fees" zh="服务费与扣减" en="Fees and deductions"/>
    <m:m k="fees.fund" zh="资金结算" en="Fund settlement"/>
    <m:m k="model" zh="计费方式" en="Fee model"/>
    <m:m k="model.fund" zh="资金模式" en="Fund model"/>
    <m:m k="fee-total" zh="服务费总额" en="Total fee"/>
    <m:m k="fee-total.fund" zh="结余" en="Margin"/>
    <m:m k="deductions" zh="扣减合计" en="Deductions"/>
    <m:m k="deductions.fund" zh="转出与扣留合计" en="Paid over and withheld"/>
    <m:m k="due" zh="应付净额" en="Amount due"/>
    <m:m k="due.fund" zh="乙方年度净结果" en="Insurer's net result"/>
    <m:m k="money-result" zh="资金结果" en="Money result"/>
    <m:m k="quarter" zh="季度" en="Quarter"/>
    <m:m k="fee" zh="服务费（元）" en="Fee (yuan)"/>
    <m:m k="deduction-rate" zh="扣减比例" en="Deduction rate"/>
    <m:m k="deduction" zh="扣减额（元）" en="Deduction (yuan)"/>
    <m:m k="damages" zh="违约金（元）" en="Damages (yuan)"/>
    <m:m k="payable" zh="应付（元）" en="Payable (yuan)"/>
    <m:m k="reason" zh="原因" en="Reason"/>
    <m:m k="other-lines" zh="其他款项" en="Other items"/>
    <m:m k="statement" zh="结算明细" en="Statement"/>
    <m:m k="state" zh="决定状态" en="Decision"/>
    <m:m k="sum-proposed" zh="待确认合计" en="Proposed"/>
    <m:m k="sum-confirmed" zh="已确认合计" en="Confirmed"/>
    <m:m k="sum-waived" zh="已免除合计" en="Waived"/>
    <m:m k="due-confirmed" zh="现应付（仅计已确认）" en="Payable now (confirmed only)"/>
    <m:m k="q-confirmed" zh="已确认扣款（元）" en="Confirmed (yuan)"/>
    <m:m k="q-payable-confirmed" zh="现应付（元）" en="Payable now (yuan)"/>
    <m:m k="kind" zh="类别" en="Kind"/>
    <m:m k="amount" zh="金额（元）" en="Amount (yuan)"/>
    <m:m k="yuan" zh="元" en="yuan"/>
    <m:m k="provenance" zh="数据来源" en="Data provenance"/>
    <m:m k="provenance-intro" zh="本报告的数字来自以下合同版本和导入文件；SHA-256 可用于核对原始文件。" en="The figures come from this contract version and these imports; the SHA-256 lets anyone check the original files."/>
    <m:m k="import" zh="导入号" en="Import"/>
    <m:m k="file" zh="文件" en="File"/>
    <m:m k="row-count" zh="行数" en="Rows"/>
    <m:m k="imported-at" zh="导入时间" en="Imported at"/>
    <m:m k="contract-def" zh="合同定义" en="Contract definition"/>
    <m:m k="footer" zh="由 kaohe 根据考核评分 XML 生成；本文件自成一体，不引用任何外部资源。" en="Generated by kaohe from the scorecard XML; this file is self-contained and refers to nothing outside it."/>
  </xsl:variable>
  <xsl:variable name="M" select="exsl:node-set($catalogue)/m:m"/>
  <!-- Words for the scorecard's codes, shared with the XLSX renderer. -->
  <xsl:variable name="W" select="document('words.xml')/w:words/w:group"/>
  <!-- The fund models settle a fund; the others pay a fee. -->
  <xsl:variable name="fund" select="starts-with(/sc:scorecard/sc:fees/@model, 'fund')"/>

  <xsl:template name="t">
    <xsl:param name="k"/>
    <xsl:value-of select="$M[@k = $k]/@*[local-name() = $L]"/>
  </xsl:template>

  <!-- A money heading: the fund variant when the money basis is a fund. -->
  <xsl:template name="tm">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$fund and $M[@k = concat($k, '.fund')]">
        <xsl:value-of select="$M[@k = concat($k, '.fund')]/@*[local-name() = $L]"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$M[@k = $k]/@*[local-name() = $L]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The word for a code of a group in words.xml, or the code itself. -->
  <xsl:template name="word">
    <xsl:param name="group"/>
    <xsl:param name="code"/>
    <xsl:variable name="w" select="$W[@name = $group]/w:w[@k = $code]/@*[local-name() = $L]"/>
    <xsl:choose>
      <xsl:when test="string-length($w) &gt; 0"><xsl:value-of select="$w"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The default mark after a number that is the template's. -->
  <xsl:template name="default-mark">
    <span class="default" title="{$M[@k = 'default-legend']/@*[local-name() = $L]}"><xsl:call-template name="t"><xsl:with-param name="k" select="'default'"/></xsl:call-template></span>
  </xsl:template>

  <!-- A value, or a dash so that no cell is empty. -->
  <xsl:template name="or-dash">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string-length(normalize-space($v)) &gt; 0"><xsl:value-of select="$v"/></xsl:when>
      <xsl:otherwise>–</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A decided line's state (fees/line/@state; absent on a line with an
       id = confirmed) as a word; the line's id (PERIOD:CLAUSE:KEY, what
       `kaohe decide` takes) in its title, not in the text (codes). -->
  <xsl:template name="state-tag">
    <xsl:param name="line"/>
    <xsl:if test="$line/@id or $line/@state">
      <xsl:variable name="st">
        <xsl:choose>
          <xsl:when test="$line/@state"><xsl:value-of select="$line/@state"/></xsl:when>
          <xsl:otherwise>confirmed</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <span class="state state-{$st}" title="{$line/@id}"><xsl:call-template name="word"><xsl:with-param name="group" select="'state'"/><xsl:with-param name="code" select="$st"/></xsl:call-template></span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="money">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string(number($v)) != 'NaN'"><xsl:value-of select="format-number($v, '#,##0.00')"/></xsl:when>
      <xsl:otherwise>–</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="percent">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string(number($v)) != 'NaN'"><xsl:value-of select="format-number($v * 100, '0.00')"/>%</xsl:when>
      <xsl:otherwise>–</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An evidence cell: a rate (a fraction with four places, the
       scorecard's form for rates) as a percentage, anything else as it is. -->
  <xsl:template name="cell">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string-length(substring-after($v, '.')) = 4 and
                      translate($v, '0123456789.-', '') = '' and
                      string(number($v)) != 'NaN'">
        <xsl:call-template name="percent"><xsl:with-param name="v" select="$v"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="or-dash"><xsl:with-param name="v" select="$v"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="status">
    <xsl:param name="s"/>
    <span class="status status-{$s}">
      <xsl:choose>
        <xsl:when test="$s = 'pass'">✓ </xsl:when>
        <xsl:when test="$s = 'fail'">✗ </xsl:when>
        <xsl:otherwise>– </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="t"><xsl:with-param name="k" select="$s"/></xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <xsl:apply-templates select="sc:scorecard"/>
  </xsl:template>

  <xsl:template match="/*" priority="-1">
    <xsl:message terminate="yes">kaohe: not a scorecard (urn:kaohe:scorecard:1)</xsl:message>
  </xsl:template>

  <xsl:template match="sc:scorecard">
    <xsl:variable name="html-lang">
      <xsl:choose>
        <xsl:when test="$L = 'en'">en</xsl:when>
        <xsl:otherwise>zh-CN</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <html lang="{$html-lang}" xml:lang="{$html-lang}">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title><xsl:value-of select="concat(@title, ' · ', @period, ' · ', $M[@k = 'report']/@*[local-name() = $L])"/></title>
        <style><xsl:call-template name="css"/></style>
      </head>
      <body>
        <xsl:call-template name="cover"/>
        <xsl:call-template name="summary-table"/>
        <xsl:apply-templates select="sc:charts[sc:series]"/>
        <section class="major" id="details">
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'details'"/></xsl:call-template></h2>
          <xsl:apply-templates select="sc:indicator"/>
        </section>
        <xsl:apply-templates select="sc:fees"/>
        <xsl:apply-templates select="sc:provenance"/>
        <footer>
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'footer'"/></xsl:call-template></p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- Cover: contract, insurer, period, as-of, score, grade, the money
       result, triggers. -->
  <xsl:template name="cover">
    <header class="cover">
      <p class="kicker"><xsl:call-template name="t"><xsl:with-param name="k" select="'report'"/></xsl:call-template></p>
      <h1><xsl:value-of select="@title"/></h1>
      <div class="cover-grid">
        <dl class="facts">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'insurer'"/></xsl:call-template></dt>
          <dd class="insurer"><xsl:value-of select="@insurer"/></dd>
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'purchaser'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="@purchaser"/></dd>
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'contract'"/></xsl:call-template></dt>
          <dd><code><xsl:value-of select="@contract"/></code>
            (<xsl:call-template name="t"><xsl:with-param name="k" select="'version'"/></xsl:call-template>
            <xsl:text> </xsl:text><xsl:value-of select="@contract-version"/>)</dd>
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'period'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="@period"/>（<xsl:value-of select="@period-first"/> – <xsl:value-of select="@period-last"/>）</dd>
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'as-of'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="@as-of"/></dd>
          <xsl:if test="@rollover-text">
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'rollover'"/></xsl:call-template></dt>
            <dd><xsl:value-of select="@rollover-text"/></dd>
          </xsl:if>
          <xsl:if test="sc:summary/sc:grade">
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'grade-bands'"/></xsl:call-template></dt>
            <dd class="grade-bands">
              <xsl:for-each select="sc:summary/sc:grade">
                <xsl:if test="position() &gt; 1"><xsl:text> · </xsl:text></xsl:if>
                <xsl:value-of select="@name"/> ≥ <xsl:value-of select="format-number(@min, '0.##')"/>
              </xsl:for-each>
              <xsl:if test="sc:summary/sc:grade[@default = 'yes']"><xsl:call-template name="default-mark"/></xsl:if>
            </dd>
          </xsl:if>
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'generated'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="translate(@generated, 'T', ' ')"/></dd>
        </dl>
        <div class="scorebox">
          <div class="label"><xsl:call-template name="t"><xsl:with-param name="k" select="'score'"/></xsl:call-template></div>
          <div class="score"><xsl:value-of select="sc:summary/@score"/><span class="max"> / <xsl:value-of select="sc:summary/@max"/></span></div>
          <div class="grade"><xsl:call-template name="t"><xsl:with-param name="k" select="'grade'"/></xsl:call-template>：<strong><xsl:value-of select="sc:summary/@grade"/></strong>
            <xsl:if test="sc:summary/@grades-default = 'yes'"><xsl:call-template name="default-mark"/></xsl:if></div>
          <div class="counts">
            <span class="status-pass">✓ <xsl:call-template name="t"><xsl:with-param name="k" select="'pass'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="sc:summary/@pass"/></span>
            <span class="status-fail">✗ <xsl:call-template name="t"><xsl:with-param name="k" select="'fail'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="sc:summary/@fail"/></span>
            <span class="status-na">– <xsl:call-template name="t"><xsl:with-param name="k" select="'na'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="sc:summary/@na"/></span>
            <xsl:if test="sc:summary/@pending">
              <span class="status-pending">… <xsl:call-template name="t"><xsl:with-param name="k" select="'pending'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="sc:summary/@pending"/></span>
            </xsl:if>
          </div>
          <xsl:if test="sc:summary/@vetoed = 'yes'">
            <div class="vetoed"><xsl:call-template name="t"><xsl:with-param name="k" select="'vetoed'"/></xsl:call-template></div>
          </xsl:if>
          <xsl:if test="count(sc:summary/sc:level) &gt; 1">
            <ul class="levels">
              <xsl:for-each select="sc:summary/sc:level">
                <li class="level-{@code}">
                  <xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="@code"/></xsl:call-template>
                  <xsl:text> </xsl:text><xsl:value-of select="@score"/><xsl:text> </xsl:text><xsl:value-of select="@grade"/>
                  <xsl:if test="@code = ../@final-level"> ★</xsl:if>
                </li>
              </xsl:for-each>
            </ul>
            <div class="final-level"><xsl:call-template name="t"><xsl:with-param name="k" select="'final-level'"/></xsl:call-template>：<xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="sc:summary/@final-level"/></xsl:call-template></div>
          </xsl:if>
        </div>
        <xsl:apply-templates select="sc:fees" mode="cover"/>
      </div>
      <div class="triggers">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'triggers'"/></xsl:call-template></h2>
        <xsl:choose>
          <xsl:when test="sc:triggers/sc:trigger">
            <ul>
              <xsl:apply-templates select="sc:triggers/sc:trigger"/>
            </ul>
          </xsl:when>
          <xsl:otherwise>
            <p><xsl:call-template name="t"><xsl:with-param name="k" select="'none'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
      </div>
    </header>
  </xsl:template>

  <!-- The money result on the cover: what is payable on a fee, the
       insurer's net result and where the rest went on a fund. -->
  <xsl:template match="sc:fees" mode="cover">
    <div class="moneybox">
      <div class="label"><xsl:call-template name="t"><xsl:with-param name="k" select="'money-result'"/></xsl:call-template></div>
      <div class="money-due">
        <div class="label"><xsl:call-template name="tm"><xsl:with-param name="k" select="'due'"/></xsl:call-template></div>
        <div class="amount"><xsl:call-template name="money"><xsl:with-param name="v" select="@due"/></xsl:call-template>
          <span class="unit"><xsl:text> </xsl:text><xsl:call-template name="t"><xsl:with-param name="k" select="'yuan'"/></xsl:call-template></span></div>
      </div>
      <table class="money-lines">
        <tbody>
          <xsl:choose>
            <xsl:when test="$fund">
              <xsl:for-each select="sc:line[@kind = 'kept' or @kind = 'returned' or @kind = 'surplus-to-fiscal'
                                    or @kind = 'insurer-loss' or @kind = 'deposit-returned' or @kind = 'deposit-withheld']">
                <tr>
                  <th><xsl:call-template name="word"><xsl:with-param name="group" select="'kind'"/><xsl:with-param name="code" select="@kind"/></xsl:call-template></th>
                  <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="@amount"/></xsl:call-template>
                    <xsl:if test="@default = 'yes'"><xsl:call-template name="default-mark"/></xsl:if></td>
                </tr>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <tr>
                <th><xsl:call-template name="tm"><xsl:with-param name="k" select="'fee-total'"/></xsl:call-template></th>
                <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="@total"/></xsl:call-template></td>
              </tr>
              <tr>
                <th><xsl:call-template name="tm"><xsl:with-param name="k" select="'deductions'"/></xsl:call-template></th>
                <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="@deductions"/></xsl:call-template></td>
              </tr>
            </xsl:otherwise>
          </xsl:choose>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <!-- A trigger: its clause, action, text, indicator, and the quarters it
       applies to (@period, else the quarters its indicator's money lines
       or quarterly evidence name). -->
  <xsl:template match="sc:trigger">
    <xsl:variable name="id" select="@indicator"/>
    <xsl:variable name="ind" select="../../sc:indicator[@id = $id]"/>
    <xsl:variable name="action" select="@action"/>
    <xsl:variable name="quarters">
      <xsl:choose>
        <xsl:when test="@period"><xsl:value-of select="translate(normalize-space(@period), ' ', substring($list-sep, 1, 1))"/></xsl:when>
        <xsl:when test="$id and ../../sc:fees/sc:line[@kind = $action][@indicator = $id][@period]">
          <xsl:for-each select="../../sc:fees/sc:line[@kind = $action][@indicator = $id][@period]">
            <xsl:if test="position() &gt; 1"><xsl:value-of select="$list-sep"/></xsl:if><xsl:value-of select="@period"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:when test="$ind[@measure = 'audit-pass-rate' or @measure = 'activity']">
          <xsl:variable name="rows" select="$ind/sc:evidence/sc:item[string-length(@ref) = 6 and substring(@ref, 5, 1) = 'Q'
                                             or string-length(@ref) = 7 and substring(@ref, 5, 1) = '-']"/>
          <xsl:variable name="which" select="$rows[$action != 're-review' or string(@action) != '']
                                                  [$action != 'deduct-fee' or number(@deduct) &gt; 0]"/>
          <xsl:for-each select="$which">
            <xsl:if test="position() &gt; 1"><xsl:value-of select="$list-sep"/></xsl:if><xsl:value-of select="@ref"/>
          </xsl:for-each>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <li><strong><xsl:value-of select="@clause"/></strong>
      <xsl:text> </xsl:text>
      <span class="action">
        <xsl:call-template name="word"><xsl:with-param name="group" select="'action'"/><xsl:with-param name="code" select="@action"/></xsl:call-template>
      </span>
      <xsl:text> </xsl:text><xsl:value-of select="@text"/>
      <xsl:if test="$id or string($quarters)">
        <xsl:text>（</xsl:text>
        <xsl:if test="$id">
          <xsl:call-template name="or-dash"><xsl:with-param name="v" select="$ind/@title"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="string($quarters)">
          <xsl:if test="$id">；</xsl:if>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'applies-to'"/></xsl:call-template>
          <xsl:text> </xsl:text><span class="quarters"><xsl:value-of select="$quarters"/></span>
        </xsl:if>
        <xsl:text>）</xsl:text>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template name="summary-table">
    <section class="major" id="summary">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'summary'"/></xsl:call-template></h2>
      <table class="summary">
        <thead>
          <tr>
            <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'no'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'clause'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'indicator'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'target'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'value'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'status'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'method'"/></xsl:call-template></th>
            <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'points'"/></xsl:call-template></th>
            <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'awarded'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="sc:indicator">
            <tr class="{@status}">
              <td class="num"><xsl:value-of select="position()"/></td>
              <td class="nowrap"><xsl:value-of select="@clause"/></td>
              <td><a href="#ind-{position()}"><xsl:value-of select="@title"/></a></td>
              <td class="nowrap"><xsl:call-template name="target-text"/></td>
              <td class="nowrap"><xsl:call-template name="value-text"/></td>
              <td class="nowrap"><xsl:call-template name="status"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
              <td class="nowrap"><xsl:call-template name="method"/></td>
              <td class="num"><xsl:value-of select="@points"/><xsl:if test="@points-default = 'yes'"><xsl:call-template name="default-mark"/></xsl:if></td>
              <td class="num"><xsl:call-template name="awarded"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
        <tfoot>
          <tr>
            <th colspan="7"><xsl:call-template name="t"><xsl:with-param name="k" select="'total'"/></xsl:call-template></th>
            <th class="num"><xsl:value-of select="sc:summary/@max"/></th>
            <th class="num"><xsl:value-of select="sc:summary/@score"/></th>
          </tr>
        </tfoot>
      </table>
      <xsl:call-template name="categories"/>
      <xsl:apply-templates select="sc:level-differences"/>
      <xsl:if test="sc:indicator[@points-default = 'yes' or sc:default or @method-default = 'yes'] or sc:summary/@grades-default = 'yes'
                    or sc:fees/sc:line[@default = 'yes'] or sc:category[@default = 'yes']">
        <p class="legend"><xsl:call-template name="t"><xsl:with-param name="k" select="'default-legend'"/></xsl:call-template></p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- The method in words, marked when the template chose it. -->
  <xsl:template name="method">
    <xsl:if test="@method">
      <xsl:call-template name="word"><xsl:with-param name="group" select="'method'"/><xsl:with-param name="code" select="@method"/></xsl:call-template>
      <xsl:if test="@method-default = 'yes'"><xsl:call-template name="default-mark"/></xsl:if>
    </xsl:if>
    <xsl:if test="not(@method)">–</xsl:if>
  </xsl:template>

  <!-- The award; a mark's override shows the computed award beside it. -->
  <xsl:template name="awarded">
    <xsl:value-of select="@awarded"/>
    <xsl:if test="@computed-awarded">
      <span class="override">
        <xsl:text>（</xsl:text>
        <xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="@source"/></xsl:call-template>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'override'"/></xsl:call-template>
        <xsl:text>；</xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'computed-awarded'"/></xsl:call-template>
        <xsl:text> </xsl:text><xsl:value-of select="@computed-awarded"/>
        <xsl:text>）</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- Category subtotals, in contract order. -->
  <xsl:template name="categories">
    <xsl:if test="sc:category">
      <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'categories'"/></xsl:call-template></h3>
      <table class="categories">
        <thead>
          <tr>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'category'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'clause'"/></xsl:call-template></th>
            <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'points'"/></xsl:call-template></th>
            <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'awarded'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="sc:category">
            <tr class="category">
              <td><xsl:value-of select="@title"/><xsl:if test="@default = 'yes'"><xsl:call-template name="default-mark"/></xsl:if></td>
              <td class="nowrap"><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@clause"/></xsl:call-template></td>
              <td class="num"><xsl:value-of select="@points"/></td>
              <td class="num"><xsl:value-of select="@awarded"/>
                <xsl:if test="@vetoed = 'yes'"><xsl:text> </xsl:text><span class="vetoed"><xsl:call-template name="t"><xsl:with-param name="k" select="'vetoed'"/></xsl:call-template></span></xsl:if></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template match="sc:level-differences">
    <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'level-differences'"/></xsl:call-template></h3>
    <table class="differences">
      <thead>
        <tr>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'indicator'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'from'"/></xsl:call-template></th>
          <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'mark-score'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'to'"/></xsl:call-template></th>
          <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'mark-score'"/></xsl:call-template></th>
          <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'delta'"/></xsl:call-template></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="sc:difference">
          <xsl:variable name="id" select="@indicator"/>
          <tr>
            <td><xsl:value-of select="../../sc:indicator[@id = $id]/@title"/></td>
            <td><xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="@from"/></xsl:call-template></td>
            <td class="num"><xsl:value-of select="@from-score"/></td>
            <td><xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="@to"/></xsl:call-template></td>
            <td class="num"><xsl:value-of select="@to-score"/></td>
            <td class="num"><xsl:value-of select="@delta"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- One level's marks: each member's score, reason and evidence. -->
  <xsl:template match="sc:marks">
    <h4>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'marks'"/></xsl:call-template>
      <xsl:text>（</xsl:text>
      <xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="@level"/></xsl:call-template>
      <xsl:text>）</xsl:text>
    </h4>
    <table class="marks">
      <thead>
        <tr>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'member'"/></xsl:call-template></th>
          <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'mark-score'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'reason'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'basis'"/></xsl:call-template></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="sc:mark">
          <tr>
            <td><xsl:value-of select="@member"/></td>
            <td class="num"><xsl:value-of select="@score"/></td>
            <td><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@reason"/></xsl:call-template></td>
            <td><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@evidence"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </tbody>
      <tfoot>
        <tr>
          <th>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'aggregate'"/></xsl:call-template>
            <xsl:text>（</xsl:text>
            <xsl:call-template name="word"><xsl:with-param name="group" select="'aggregate'"/><xsl:with-param name="code" select="@how"/></xsl:call-template>
            <xsl:text>，</xsl:text><xsl:value-of select="@members"/><xsl:text>）</xsl:text>
          </th>
          <th class="num"><xsl:value-of select="@aggregate"/></th>
          <th colspan="2"/>
        </tr>
      </tfoot>
    </table>
  </xsl:template>

  <xsl:template name="value-text">
    <xsl:if test="@measure = 'activity' and contains(@value-text, '%')">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'share-of-intervals'"/></xsl:call-template>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="@value-text"><xsl:value-of select="@value-text"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@value"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="target-text">
    <xsl:choose>
      <xsl:when test="@target-text"><xsl:value-of select="@target-text"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@target"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="sc:default"><xsl:call-template name="default-mark"/></xsl:if>
  </xsl:template>


  <!-- Charts: the SVGs kaohe attached, or a notice naming what is missing. -->
  <xsl:template match="sc:charts">
    <section class="major" id="charts">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'charts'"/></xsl:call-template></h2>
      <xsl:variable name="missing" select="sc:series[not(kc:chart[@status = 'ok'])]"/>
      <xsl:if test="$missing">
        <div class="notice" role="note">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'charts-missing'"/></xsl:call-template></p>
          <ul>
            <xsl:for-each select="$missing">
              <li><xsl:value-of select="@title"/>
                <xsl:if test="kc:chart/@reason">（<xsl:value-of select="kc:chart/@reason"/>）</xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </div>
      </xsl:if>
      <xsl:for-each select="sc:series[kc:chart[@status = 'ok']/svg:svg]">
        <figure class="chart">
          <figcaption><xsl:value-of select="@title"/></figcaption>
          <xsl:apply-templates select="kc:chart[@status = 'ok'][1]/svg:svg" mode="svg"/>
        </figure>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- SVG copied element by element: SVG namespace only, no event
       handlers, links only inside the page. -->
  <xsl:template match="svg:*" mode="svg">
    <xsl:element name="{local-name()}" namespace="http://www.w3.org/2000/svg">
      <xsl:apply-templates select="@*" mode="svg"/>
      <xsl:apply-templates select="node()" mode="svg"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="svg:script | svg:foreignObject | svg:image | svg:a" mode="svg"/>
  <xsl:template match="*" mode="svg"/>
  <xsl:template match="@*" mode="svg">
    <xsl:if test="not(starts-with(translate(local-name(), 'ON', 'on'), 'on')) and namespace-uri() = ''">
      <xsl:attribute name="{local-name()}"><xsl:value-of select="."/></xsl:attribute>
    </xsl:if>
  </xsl:template>
  <xsl:template match="@href | @xlink:href" mode="svg">
    <xsl:if test="starts-with(., '#')">
      <xsl:attribute name="href"><xsl:value-of select="."/></xsl:attribute>
    </xsl:if>
  </xsl:template>
  <xsl:template match="text()" mode="svg"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="svg"/>

  <!-- One section per indicator. -->
  <xsl:template match="sc:indicator">
    <article class="indicator {@status}" id="ind-{position()}">
      <h3>
        <span class="clause"><xsl:value-of select="@clause"/></span>
        <xsl:text> </xsl:text><xsl:value-of select="@title"/>
        <xsl:text> </xsl:text><xsl:call-template name="status"><xsl:with-param name="s" select="@status"/></xsl:call-template>
      </h3>
      <xsl:if test="@clause-text">
        <blockquote class="clause-text"><xsl:value-of select="@clause-text"/></blockquote>
      </xsl:if>
      <table class="kv">
        <tbody>
          <tr>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'target'"/></xsl:call-template></th>
            <td><xsl:call-template name="target-text"/></td>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'value'"/></xsl:call-template></th>
            <td><xsl:call-template name="value-text"/></td>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'awarded'"/></xsl:call-template></th>
            <td class="num"><xsl:call-template name="awarded"/> / <xsl:value-of select="@points"/><xsl:if test="@points-default = 'yes'"><xsl:call-template name="default-mark"/></xsl:if></td>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'measure'"/></xsl:call-template></th>
            <td><xsl:call-template name="word"><xsl:with-param name="group" select="'measure'"/><xsl:with-param name="code" select="@measure"/></xsl:call-template></td>
          </tr>
        </tbody>
      </table>
      <xsl:if test="sc:criterion">
        <p class="criterion">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'method'"/></xsl:call-template>
          <xsl:text>：</xsl:text><xsl:call-template name="method"/>
          <xsl:text>。</xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'criterion'"/></xsl:call-template>
          <xsl:text>：</xsl:text><xsl:value-of select="sc:criterion"/>
        </p>
      </xsl:if>
      <xsl:apply-templates select="sc:marks"/>
      <xsl:if test="sc:default">
        <p class="note defaults">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'defaults'"/></xsl:call-template>
          <xsl:text>：</xsl:text>
          <xsl:for-each select="sc:default">
            <xsl:if test="position() &gt; 1">；</xsl:if>
            <xsl:call-template name="word"><xsl:with-param name="group" select="'param'"/><xsl:with-param name="code" select="@param"/></xsl:call-template>
            <xsl:text> </xsl:text><xsl:value-of select="@value"/><xsl:call-template name="default-mark"/>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:for-each select="sc:note">
        <p class="note"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:apply-templates select="sc:evidence"/>
    </article>
  </xsl:template>

  <xsl:template match="sc:evidence">
    <xsl:variable name="items" select="sc:item[position() &lt;= $limit]"/>
    <h4>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'evidence'"/></xsl:call-template>
      <span class="muted">
        <xsl:text>（</xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'shown'"/></xsl:call-template>
        <xsl:text> </xsl:text><xsl:value-of select="count($items)"/><xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'of'"/></xsl:call-template>
        <xsl:text> </xsl:text><xsl:value-of select="@count"/><xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'rows'"/></xsl:call-template>
        <xsl:text>）</xsl:text>
      </span>
    </h4>
    <xsl:choose>
      <xsl:when test="not($items)">
        <p class="muted"><xsl:call-template name="t"><xsl:with-param name="k" select="'no-evidence'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:when test="sc:column">
        <xsl:variable name="columns" select="sc:column"/>
        <table class="evidence">
          <thead>
            <tr><xsl:for-each select="$columns"><th><xsl:call-template name="or-dash"><xsl:with-param name="v" select="."/></xsl:call-template></th></xsl:for-each></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$items">
              <xsl:variable name="item" select="."/>
              <tr>
                <xsl:for-each select="$columns">
                  <xsl:variable name="name" select="@name"/>
                  <td><xsl:call-template name="cell"><xsl:with-param name="v" select="string($item/@*[local-name() = $name])"/></xsl:call-template></td>
                </xsl:for-each>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <!-- No columns given: the first item's attributes name them. -->
        <xsl:variable name="names" select="$items[1]/@*"/>
        <table class="evidence">
          <thead>
            <tr><xsl:for-each select="$names"><th><xsl:value-of select="local-name()"/></th></xsl:for-each></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$items">
              <xsl:variable name="item" select="."/>
              <tr>
                <xsl:for-each select="$names">
                  <xsl:variable name="name" select="local-name()"/>
                  <td><xsl:call-template name="cell"><xsl:with-param name="v" select="string($item/@*[local-name() = $name])"/></xsl:call-template></td>
                </xsl:for-each>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="sc:fees">
    <xsl:variable name="fees" select="."/>
    <xsl:variable name="lstates" select="boolean(sc:line/@id or sc:line/@state)"/>
    <xsl:variable name="qstates" select="boolean(sc:quarter/@confirmed or sc:quarter/@payable-confirmed)"/>
    <section class="major" id="fees">
      <h2><xsl:call-template name="tm"><xsl:with-param name="k" select="'fees'"/></xsl:call-template></h2>
      <table class="kv">
        <tbody>
          <tr>
            <th><xsl:call-template name="tm"><xsl:with-param name="k" select="'model'"/></xsl:call-template></th>
            <td><xsl:call-template name="word"><xsl:with-param name="group" select="'model'"/><xsl:with-param name="code" select="@model"/></xsl:call-template></td>
            <th><xsl:call-template name="tm"><xsl:with-param name="k" select="'fee-total'"/></xsl:call-template></th>
            <td class="num fee-total"><xsl:call-template name="money"><xsl:with-param name="v" select="@total"/></xsl:call-template></td>
            <th><xsl:call-template name="tm"><xsl:with-param name="k" select="'deductions'"/></xsl:call-template></th>
            <td class="num fee-deductions"><xsl:call-template name="money"><xsl:with-param name="v" select="@deductions"/></xsl:call-template></td>
            <th><xsl:call-template name="tm"><xsl:with-param name="k" select="'due'"/></xsl:call-template></th>
            <td class="num fee-due"><strong><xsl:call-template name="money"><xsl:with-param name="v" select="@due"/></xsl:call-template></strong></td>
          </tr>
          <xsl:if test="@proposed or @confirmed or @waived or @due-confirmed">
            <tr class="fee-states">
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'sum-proposed'"/></xsl:call-template></th>
              <td class="num fee-proposed"><xsl:call-template name="money"><xsl:with-param name="v" select="@proposed"/></xsl:call-template></td>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'sum-confirmed'"/></xsl:call-template></th>
              <td class="num fee-confirmed"><xsl:call-template name="money"><xsl:with-param name="v" select="@confirmed"/></xsl:call-template></td>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'sum-waived'"/></xsl:call-template></th>
              <td class="num fee-waived"><xsl:call-template name="money"><xsl:with-param name="v" select="@waived"/></xsl:call-template></td>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'due-confirmed'"/></xsl:call-template></th>
              <td class="num fee-due-confirmed"><strong><xsl:call-template name="money"><xsl:with-param name="v" select="@due-confirmed"/></xsl:call-template></strong></td>
            </tr>
          </xsl:if>
        </tbody>
      </table>
      <xsl:if test="sc:quarter">
        <!-- Each quarter's fee, audit deduction, damages of the quarter
             (lines with its @period) and what is payable. -->
        <table class="fees quarters">
          <thead>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'quarter'"/></xsl:call-template></th>
              <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'fee'"/></xsl:call-template></th>
              <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'deduction-rate'"/></xsl:call-template></th>
              <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'deduction'"/></xsl:call-template></th>
              <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'damages'"/></xsl:call-template></th>
              <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'payable'"/></xsl:call-template></th>
              <xsl:if test="$qstates">
                <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'q-confirmed'"/></xsl:call-template></th>
                <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'q-payable-confirmed'"/></xsl:call-template></th>
              </xsl:if>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'clause'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'reason'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="sc:quarter">
              <xsl:variable name="q" select="@period"/>
              <xsl:variable name="dlines" select="$fees/sc:line[@kind = 'damages'][@period = $q]"/>
              <xsl:variable name="damages" select="sum($dlines/@amount)"/>
              <tr>
                <xsl:if test="number(@deduction) &gt; 0 or $damages &gt; 0"><xsl:attribute name="class">fail</xsl:attribute></xsl:if>
                <td><xsl:value-of select="@period"/></td>
                <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="@fee"/></xsl:call-template></td>
                <td class="num"><xsl:call-template name="percent"><xsl:with-param name="v" select="@deduction-rate"/></xsl:call-template></td>
                <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="@deduction"/></xsl:call-template>
                  <xsl:for-each select="$fees/sc:line[@kind = 'deduction' or @kind = 're-review-cost'][@period = $q]">
                    <br/><xsl:call-template name="state-tag"><xsl:with-param name="line" select="."/></xsl:call-template></xsl:for-each></td>
                <td class="num damages"><xsl:call-template name="money"><xsl:with-param name="v" select="$damages"/></xsl:call-template>
                  <xsl:for-each select="$dlines[@id or @state]">
                    <br/><xsl:call-template name="state-tag"><xsl:with-param name="line" select="."/></xsl:call-template></xsl:for-each></td>
                <td class="num payable">
                  <xsl:choose>
                    <xsl:when test="@payable"><xsl:call-template name="money"><xsl:with-param name="v" select="@payable"/></xsl:call-template></xsl:when>
                    <xsl:otherwise><xsl:call-template name="money"><xsl:with-param name="v" select="@fee - @deduction - $damages"/></xsl:call-template></xsl:otherwise>
                  </xsl:choose>
                </td>
                <xsl:if test="$qstates">
                  <td class="num q-confirmed"><xsl:call-template name="money"><xsl:with-param name="v" select="@confirmed"/></xsl:call-template></td>
                  <td class="num q-payable-confirmed"><xsl:call-template name="money"><xsl:with-param name="v" select="@payable-confirmed"/></xsl:call-template></td>
                </xsl:if>
                <td>
                  <xsl:call-template name="or-dash"><xsl:with-param name="v" select="@clause"/></xsl:call-template>
                  <xsl:for-each select="$dlines[@clause]"><br/><xsl:value-of select="@clause"/></xsl:for-each>
                </td>
                <td>
                  <xsl:call-template name="or-dash"><xsl:with-param name="v" select="@reason"/></xsl:call-template>
                  <xsl:for-each select="$dlines"><br/><xsl:value-of select="@text"/></xsl:for-each>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
          <tfoot>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'total'"/></xsl:call-template></th>
              <th class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="sum(sc:quarter/@fee)"/></xsl:call-template></th>
              <th class="num">–</th>
              <th class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="sum(sc:quarter/@deduction)"/></xsl:call-template></th>
              <th class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="sum(sc:line[@kind = 'damages'][@period = $fees/sc:quarter/@period]/@amount)"/></xsl:call-template></th>
              <th class="num">
                <xsl:choose>
                  <xsl:when test="sc:quarter/@payable"><xsl:call-template name="money"><xsl:with-param name="v" select="sum(sc:quarter/@payable)"/></xsl:call-template></xsl:when>
                  <xsl:otherwise><xsl:call-template name="money"><xsl:with-param name="v" select="sum(sc:quarter/@fee) - sum(sc:quarter/@deduction) - sum(sc:line[@kind = 'damages'][@period = $fees/sc:quarter/@period]/@amount)"/></xsl:call-template></xsl:otherwise>
                </xsl:choose>
              </th>
              <xsl:if test="$qstates">
                <th class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="sum(sc:quarter/@confirmed)"/></xsl:call-template></th>
                <th class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="sum(sc:quarter/@payable-confirmed)"/></xsl:call-template></th>
              </xsl:if>
              <th colspan="2"><xsl:text> </xsl:text></th>
            </tr>
          </tfoot>
        </table>
      </xsl:if>
      <xsl:if test="sc:line">
        <h3>
          <xsl:choose>
            <xsl:when test="sc:quarter"><xsl:call-template name="t"><xsl:with-param name="k" select="'other-lines'"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'statement'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </h3>
        <table class="fees">
          <thead>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'kind'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'clause'"/></xsl:call-template></th>
              <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'amount'"/></xsl:call-template></th>
              <xsl:if test="$lstates">
                <th><xsl:call-template name="t"><xsl:with-param name="k" select="'state'"/></xsl:call-template></th>
              </xsl:if>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'text'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="sc:line">
              <tr>
                <td><xsl:call-template name="word"><xsl:with-param name="group" select="'kind'"/><xsl:with-param name="code" select="@kind"/></xsl:call-template></td>
                <td><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@clause"/></xsl:call-template></td>
                <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="@amount"/></xsl:call-template>
                  <xsl:if test="@default = 'yes'"><xsl:call-template name="default-mark"/></xsl:if></td>
                <xsl:if test="$lstates">
                  <td class="line-state">
                    <xsl:choose>
                      <xsl:when test="@id or @state">
                        <xsl:call-template name="state-tag"><xsl:with-param name="line" select="."/></xsl:call-template>
                      </xsl:when>
                      <xsl:otherwise>–</xsl:otherwise>
                    </xsl:choose>
                  </td>
                </xsl:if>
                <td><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@text"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="sc:provenance">
    <section class="major" id="provenance">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'provenance'"/></xsl:call-template></h2>
      <p class="muted"><xsl:call-template name="t"><xsl:with-param name="k" select="'provenance-intro'"/></xsl:call-template></p>
      <table class="provenance">
        <thead>
          <tr>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'import'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'kind'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'file'"/></xsl:call-template></th>
            <th class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'row-count'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'imported-at'"/></xsl:call-template></th>
            <th>SHA-256</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="sc:contract">
            <tr>
              <td>–</td>
              <td><xsl:call-template name="t"><xsl:with-param name="k" select="'contract-def'"/></xsl:call-template></td>
              <td><code><xsl:value-of select="@id"/></code>
                (<xsl:call-template name="t"><xsl:with-param name="k" select="'version'"/></xsl:call-template>
                <xsl:text> </xsl:text><xsl:value-of select="@version"/>)</td>
              <td class="num">–</td>
              <td>–</td>
              <td class="hash"><code><xsl:value-of select="@sha256"/></code></td>
            </tr>
          </xsl:for-each>
          <xsl:for-each select="sc:import">
            <tr>
              <td class="num"><xsl:value-of select="@id"/></td>
              <td><xsl:call-template name="word"><xsl:with-param name="group" select="'import'"/><xsl:with-param name="code" select="@kind"/></xsl:call-template></td>
              <td class="file"><xsl:value-of select="@file"/></td>
              <td class="num"><xsl:value-of select="@rows"/></td>
              <td class="nowrap"><xsl:value-of select="translate(@imported-at, 'T', ' ')"/></td>
              <td class="hash"><code><xsl:value-of select="@sha256"/></code></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <!-- The CSS, inline.  No '>' or '&' in it: the page is also XML. -->
  <xsl:template name="css">
:root {
  --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --card: #f3f5f8;
  --line: #d0d7de; --accent: #1f5fa8; --fail: #b42318; --failbg: #fdecea;
  --pass: #1a7f37; --na: #6e7781; --notice: #fff4d6; --noticeline: #d4a72c;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --card: #161b22;
    --line: #30363d; --accent: #6cb6ff; --fail: #ff7b72; --failbg: #3b1d1d;
    --pass: #56d364; --na: #8b949e; --notice: #2f2712; --noticeline: #bb8009;
  }
}
html { background: var(--bg); color: var(--fg); }
body {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
    "Microsoft YaHei", "PingFang SC", sans-serif;
  font-size: 14px; line-height: 1.55; max-width: 1120px; margin: 0 auto;
  padding: 24px 28px 48px;
}
h1 { font-size: 26px; margin: 4px 0 16px; }
h2 { font-size: 20px; margin: 32px 0 12px; padding-bottom: 4px;
  border-bottom: 2px solid var(--accent); }
h3 { font-size: 16px; margin: 24px 0 8px; }
h4 { font-size: 14px; margin: 14px 0 6px; }
code { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 0.92em; }
a { color: var(--accent); text-decoration: none; }
.muted { color: var(--muted); font-weight: normal; }
.cover { border: 1px solid var(--line); border-top: 6px solid var(--accent);
  background: var(--card); padding: 18px 24px; border-radius: 6px; }
.cover .kicker { margin: 0; color: var(--muted); letter-spacing: 0.1em; }
.cover-grid { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; }
dl.facts { flex: 1 1 360px; display: grid; grid-template-columns: max-content 1fr;
  gap: 4px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.scorebox { flex: 0 0 240px; text-align: center; border: 1px solid var(--line);
  background: var(--bg); border-radius: 6px; padding: 12px; }
.scorebox .label { color: var(--muted); }
.scorebox .score { font-size: 44px; font-weight: 700; color: var(--accent); line-height: 1.2; }
.scorebox .max { font-size: 18px; color: var(--muted); font-weight: normal; }
.scorebox .grade { font-size: 16px; margin: 4px 0 8px; }
.scorebox .counts span { display: inline-block; margin: 0 6px; }
.moneybox { flex: 0 0 260px; border: 1px solid var(--line); background: var(--bg);
  border-radius: 6px; padding: 12px; }
.moneybox .label { color: var(--muted); text-align: center; }
.moneybox .money-due { text-align: center; margin: 4px 0 8px; }
.moneybox .amount { font-size: 24px; font-weight: 700; color: var(--accent);
  font-variant-numeric: tabular-nums; }
.moneybox .unit { font-size: 14px; color: var(--muted); font-weight: normal; }
.moneybox table { margin: 0; font-size: 12px; }
.moneybox th, .moneybox td { border: none; border-top: 1px solid var(--line); background: none; }
.default { color: var(--muted); font-size: 0.9em; font-weight: normal; white-space: nowrap; }
p.legend { color: var(--muted); font-size: 12px; margin: 4px 0; }
.triggers .action { font-weight: 600; }
td.file { overflow-wrap: anywhere; word-break: break-all; }
.triggers h2 { font-size: 15px; border: none; margin: 14px 0 4px; padding: 0; }
.triggers ul { margin: 0; padding-left: 20px; }
.triggers li { color: var(--fail); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--card); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
td.hash code { font-size: 11px; overflow-wrap: anywhere; word-break: break-all; }
tr.fail td { background: var(--failbg); }
.state { font-size: 0.85em; white-space: nowrap; }
.state-proposed { color: var(--fail); }
.state-waived { color: var(--muted); }
tr.fail td:first-child { box-shadow: inset 4px 0 0 var(--fail); }
tfoot th { background: var(--card); }
table.kv { width: auto; }
.status { white-space: nowrap; font-weight: 600; }
.status-pass { color: var(--pass); }
.status-fail { color: var(--fail); }
.status-na { color: var(--na); }
.status-pending { color: var(--na); font-style: italic; }
.override, .vetoed { color: var(--fail); }
.levels { list-style: none; padding: 0; margin: .3em 0; }
article.indicator { border-left: 4px solid var(--line); padding: 2px 0 2px 14px; margin: 18px 0 26px; }
article.indicator.fail { border-left-color: var(--fail); }
article.indicator.pass { border-left-color: var(--pass); }
.clause { color: var(--muted); font-weight: normal; }
blockquote.clause-text { margin: 4px 0 8px; padding: 4px 12px; color: var(--muted);
  border-left: 3px solid var(--line); }
p.note { margin: 6px 0; }
.notice { background: var(--notice); border: 1px solid var(--noticeline); padding: 8px 14px;
  border-radius: 6px; }
.notice p { margin: 0 0 4px; font-weight: 600; }
figure.chart { margin: 12px 0 20px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { display: block; width: 100%; height: auto; max-width: 900px;
  background: #ffffff; border: 1px solid var(--line); border-radius: 4px; }
svg.chart text { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px;
  border-top: 1px solid var(--line); }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  :root {
    --fg: #000000; --muted: #444c56; --bg: #ffffff; --card: #eef1f4;
    --line: #9aa4ae; --accent: #1f4f8a; --fail: #a4161a; --failbg: #fbe3e1;
    --pass: #1a6b32; --na: #555555; --notice: #fff4d6; --noticeline: #b08000;
  }
  body { max-width: none; padding: 0; font-size: 10pt; }
  table { font-size: 9pt; }
  section.major { break-before: page; page-break-before: always; }
  section#summary { break-before: auto; page-break-before: auto; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  figure.chart, .cover, table.kv { break-inside: avoid; page-break-inside: avoid; }
  svg.chart { max-width: 100%; }
  a { color: inherit; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</xsl:template>
</xsl:stylesheet>

package org.yingsu.engine;

import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;

/**
 * One tenant per agency: a case's process instances belong to the tenant named by the start
 * variable {@code agencyId}, and every instance a call activity starts inherits its caller's tenant.
 * The diagrams stay shared (deployed without a tenant). Users are members of their agency's tenant
 * (a justice bureau of every agency in its region), so Cockpit and Tasklist show each user only the
 * cases of the agencies they may see; the operators in operaton-admin see everything.
 */
@Component
public class AgencyTenancy extends AbstractProcessEnginePlugin {
  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(new AgencyTenantIdProvider());
  }

  static final class AgencyTenantIdProvider implements TenantIdProvider {
    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
      if (ctx.getSuperExecution() != null) return ctx.getSuperExecution().getTenantId();
      Object agencyId = ctx.getVariables() == null ? null : ctx.getVariables().get("agencyId");
      return agencyId instanceof String id && !id.isBlank() ? id : null;
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
      return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
      return ctx.getExecution() != null ? ctx.getExecution().getTenantId() : null;
    }
  }
}

select count(*) from ror.fhir_search_token s
where s.resource_type = 'HealthcareService' and s.param = 'specialty' and s.system = @system and s.code = @code
  and exists (select 1 from ror.fhir_search_number n where n.resource_type = 'HealthcareService' and n.id = s.id and n.param = 'age-range-low' and n.value <= @age)
  and exists (select 1 from ror.fhir_search_number n where n.resource_type = 'HealthcareService' and n.id = s.id and n.param = 'age-range-high' and n.value >= @age)
  and exists (select 1 from ror.fhir_search_reference l
              join ror.fhir_search_string p on p.resource_type = 'Location' and p.id = l.target_id and p.param = 'address-postalcode'
              where l.resource_type = 'HealthcareService' and l.id = s.id and l.param = 'location' and p.normalized like @postalcode || '%')
